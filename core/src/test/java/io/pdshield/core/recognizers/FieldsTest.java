package io.pdshield.core.recognizers;

import io.pdshield.core.Tokens;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A field's key before its value, as forms, records and query strings write it ({@link Fields}). */
class FieldsTest {
    /** text, the value (its first token is asked about), the key read before it or "-" for none. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "Фамилия: Иванова|Иванова|Фамилия",
            "Фамилия - Иванова|Иванова|Фамилия",
            "Фамилия Иванова|Иванова|Фамилия",
            "{\"last_name\": \"Иванова\"}|Иванова|last_name",
            "{\"last_name\":\"Иванова\"}|Иванова|last_name",
            "last_name=Иванова&first_name=Анна|Анна|first_name",
            "{\"дата_рождения\": \"1985\"}|1985|дата_рождения",
            "<LastName>Иванова</LastName>|Иванова|LastName",
            // a quoted value without a separator, a bracket, a value opening the text: no key
            "name \"Иванова\"|Иванова|-",
            "(Иванова)|Иванова|-",
            "Иванова|Иванова|-"})
    void theKeyBeforeAValue(String text, String value, String key) {
        Tokens t = new Tokens().reset(text);
        int i = t.tokenAt(text.indexOf(value));
        long span = Fields.keyBefore(t, i);
        assertEquals(key, span < 0 ? "-" : text.substring(Spans.start(span), Spans.end(span)), text);
    }

    /** text, the token the next field's key starts at (its text), the value after that key, or "-" for none. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"passport_series\": \"4510\", \"passport_number\": \"123456\"}|\", \"passport_number|123456",
            "серия=4510;номер=123456|;номер|123456",
            "{\"passport_series\": \"4510\", \"order_number\": \"123456\"}|\", \"order_number|-"})
    void theValueOfTheNextFieldUnderOneOfItsKeys(String text, String from, String value) {
        Tokens t = new Tokens().reset(text);
        int p = t.tokenAt(text.indexOf(from));
        WordTable keys = WordTable.of(0, "passport_number", "номер");
        int v = Fields.valueAfter(t, p, keys);
        assertEquals(value, v < 0 ? "-" : t.string(v), text);
    }
}
