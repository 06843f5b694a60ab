package io.pdshield.bench;

import io.pdshield.core.Detector;

import java.util.Locale;

/**
 * The detector on one very large message made of a leaked table's rows, row shape by row shape: the passes that
 * relate a value to the names or addresses near it (a birth date in a name's row, a table's header, two common
 * words with a person's number on their line, a street beside a name, an address read by an earlier pass) must
 * look them up, not walk every name or candidate of the text per value, or a message of thousands of rows takes
 * seconds. Prints each shape's throughput at {@code rows} and twice as many rows:
 * a linear pass keeps its MB/s, a quadratic one halves it. Synthetic rows: the numbers are made up.
 *
 * <p>{@code java -cp bench/target/benchmarks.jar io.pdshield.bench.LargeTables [rows]}
 */
public final class LargeTables {
    private static final String[][] SHAPES = {
            {"pipe table, phone before the date", "| ФИО | Телефон | ДР |\n", "| Иванов Иван Иванович | 8916%07d | 12.03.1985 |\n"},
            {"semicolon export, two name fields", "Фамилия;Имя;Телефон;ДР;Город\n", "Бобров;Максим;8916%07d;12.03.1985;Москва\n"},
            {"form fields, one part per line", "", "Фамилия: Иванова\nИмя: Анна\nОтчество: Сергеевна\nТел: 8916%07d\n"},
            {"relatives, year in brackets", "", "Мать — Петрова Галина Ивановна (1962), 8916%07d\n"},
            {"common words with a phone", "", "Вероника Гущина, 8916%07d\n"},
            {"addresses with a postal code", "", "119334, г. Москва, ул. Ленина, д. 5, кв. %2$d\n"},
            {"a town's street without its kind", "", "г. Казань, Баумана %2$d\n"},
            {"a name, a city and a street", "", "Иванов Иван, Москва, Ленина %2$d\n"},
            {"JSON records, a key per field", "", "{\"id\": %2$d, \"last_name\": \"Иванова\", \"first_name\": \"Анна\", "
                    + "\"birth_date\": \"1985-03-12\", \"phone\": \"7916%1$07d\", \"address\": \"ul. Lenina, d. %2$d\"}\n"},
            {"an SQL dump's quoted values", "INSERT INTO users VALUES\n", "(%2$d,'Иванова','Анна','Сергеевна','1985-03-12','7916%1$07d'),\n"},
            {"a table apart by bars, a city cell", "", "| Иванова | Анна | Сергеевна | Москва | 12.03.1985 |\n"}};

    private LargeTables() {
    }

    public static void main(String[] args) {
        int rows = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Detector d = Detector.standard();
        System.out.printf(Locale.ROOT, "%-36s %10s %10s %10s   %10s %10s%n", "rows of", "chars", "findings", "MB/s", "×2 rows", "MB/s");
        for (String[] shape : SHAPES) {
            double[] small = run(d, shape, rows), large = run(d, shape, 2 * rows);
            System.out.printf(Locale.ROOT, "%-36s %10d %10d %10.1f   %10d %10.1f%n", shape[0], (long) small[0], (long) small[1], small[2],
                    (long) large[0], large[2]);
        }
    }

    /** Characters, findings, and MB/s (UTF-16 characters counted as bytes' worth: a relative measure) of the best of 5 passes. */
    private static double[] run(Detector d, String[] shape, int rows) {
        StringBuilder sb = new StringBuilder(shape[1]);
        // %1$d: seven digits for a phone; %2$d: 1 to 99 for a house or a flat
        for (int i = 0; i < rows; i++) sb.append(String.format(Locale.ROOT, shape[2], 1_000_000 + i, 1 + i % 99));
        String text = sb.toString();
        long best = Long.MAX_VALUE;
        int found = 0;
        for (int r = 0; r < 5; r++) {
            long t0 = System.nanoTime();
            found = d.detect(text).size();
            best = Math.min(best, System.nanoTime() - t0);
        }
        return new double[]{text.length(), found, text.length() / (best / 1e3)};
    }
}
