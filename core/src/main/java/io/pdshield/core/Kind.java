package io.pdshield.core;

/** The kinds of personal data pdshield recognizes. Names are part of the output contract. */
public enum Kind {
    PERSON_NAME,
    PHONE,
    EMAIL,
    /** Internal passport: 2-digit region, 2-digit blank year, 6-digit number. */
    PASSPORT_RU,
    /** International (foreign-travel) passport: 2 + 7 digits. */
    PASSPORT_RU_FOREIGN,
    SNILS,
    /** 12-digit INN of a person. */
    INN,
    /** 10-digit INN of an organisation. */
    INN_ORG,
    OGRN,
    OGRNIP,
    BANK_CARD,
    BANK_ACCOUNT,
    VEHICLE_PLATE,
    DRIVER_LICENSE,
    OMS_POLICY,
    ADDRESS,
    BIRTH_DATE,
    IP_ADDRESS,
    SOCIAL_PROFILE,
    GEO_COORDINATES,
    VIN;

    /** Parses a kind name as written in configuration files, case-insensitively. */
    public static Kind parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown kind '" + name.trim() + "'; known kinds: "
                    + java.util.Arrays.toString(values()), e);
        }
    }
}
