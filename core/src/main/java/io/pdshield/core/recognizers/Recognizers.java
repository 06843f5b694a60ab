package io.pdshield.core.recognizers;

import io.pdshield.core.Recognizer;

import java.util.List;

/** The built-in recognizers in the order they run (later ones may read earlier candidates). */
public final class Recognizers {
    private Recognizers() {
    }

    private static final List<Recognizer> DEFAULTS = List.of(
            // structured identifiers first; names, addresses and birth dates read their candidates
            new EmailRecognizer(),
            new SocialProfileRecognizer(),
            new PhoneRecognizer(),
            new PassportRecognizer(),
            new SnilsRecognizer(),
            new InnRecognizer(),
            new OgrnRecognizer(),
            new BankCardRecognizer(),
            new BankAccountRecognizer(),
            new OmsPolicyRecognizer(),
            new DriverLicenseRecognizer(),
            new VehiclePlateRecognizer(),
            new VinRecognizer(),
            new IpAddressRecognizer(),
            new GeoCoordinatesRecognizer(),
            new PersonNameRecognizer(),
            new AddressRecognizer(),
            new BirthDateRecognizer() // after the names: a date beside a name is a birth date
    );

    public static List<Recognizer> defaults() {
        return DEFAULTS;
    }

    /**
     * For a text read in parts ({@link io.pdshield.core.Detector}): given a line's start, the header line of the leaked
     * table whose row it is ({@code start << 32 | end}), or -1, so a part far below the header can be read with it.
     * One pass over the text when made.
     */
    public static java.util.function.IntToLongFunction tableHeaders(CharSequence text) {
        return new TableColumns(text)::headerLine;
    }
}
