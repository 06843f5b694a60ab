package io.pdshield.core.recognizers;

import java.util.Arrays;
import java.util.Locale;

/**
 * The header cells above a leaked table's values: a line of labels without digits, its cells apart by {@code |},
 * {@code ;}, a tab or a comma (two at least), heads the lines below it that have as many of the same separator
 * ({@code | ФИО | Телефон | ДР |}, a markdown rule line {@code |---|---|} included), until a line of another shape or
 * one of the same shape that labels a column as dates (a second table's header right below the first's rows). Made once
 * per text, in one pass over its characters (a PostgreSQL dump's {@code COPY users (id, phone, birth_date) FROM stdin;}
 * heads its tab-separated rows too); a value then finds its column's label by binary search, however far below
 * the header.
 *
 * <p>Not thread-safe; made per text by the recognizer that needs it.
 */
final class TableColumns {
    private static final char[] SEPARATORS = {'|', ';', '\t', ','};

    private final CharSequence text;
    /** The start of every line. */
    private final int[] lineStarts;
    /** Per line: the index of the line heading it, or -1. */
    private final int[] headerOf;
    /** Per line: its separator, or 0. */
    private final char[] sepOf;
    /**
     * Per header line: the separator of its cells when it is not its rows' (a PostgreSQL dump's {@code COPY t (a, b)
     * FROM stdin;} names the columns apart by commas, its rows are apart by tabs), else 0.
     */
    private final char[] cellSepOf;

    TableColumns(CharSequence text) {
        this.text = text;
        int n = text.length();
        int lines = 1;
        for (int i = 0; i < n; i++) if (text.charAt(i) == '\n') lines++;
        lineStarts = new int[lines];
        headerOf = new int[lines];
        sepOf = new char[lines];
        cellSepOf = new char[lines];
        int header = -1, headerCount = 0;
        char headerSep = 0;
        int line = 0, start = 0;
        int[] counts = new int[SEPARATORS.length];
        for (int i = 0; i <= n; i++) {
            if (i < n && text.charAt(i) != '\n') continue;
            lineStarts[line] = start;
            // the line's separator and its count, and whether it could be a header: labels, no digits
            Arrays.fill(counts, 0);
            boolean digits = false, letters = false;
            for (int c = start; c < i; c++) {
                char ch = text.charAt(c);
                if (ch >= '0' && ch <= '9') digits = true;
                else if (Character.isLetter(ch)) letters = true;
                else for (int s = 0; s < SEPARATORS.length; s++) if (ch == SEPARATORS[s]) counts[s]++;
            }
            char sep = 0;
            int count = 0;
            for (int s = 0; s < SEPARATORS.length && sep == 0; s++) {
                if (counts[s] >= 2) {
                    sep = SEPARATORS[s];
                    count = counts[s];
                }
            }
            sepOf[line] = sep;
            headerOf[line] = -1;
            int copyColumns = copyHeader(start, i);
            if (copyColumns >= 2) {
                // a PostgreSQL dump's data: its rows below are apart by tabs, one fewer than the columns
                header = line;
                headerSep = '\t';
                headerCount = copyColumns - 1;
                cellSepOf[line] = ',';
                line++;
                start = i + 1;
                continue;
            }
            boolean labels = sep != 0 && letters && !digits;
            if (header >= 0 && sep == headerSep && count == headerCount && !(labels && dateLabelCell(start, i, sep))) {
                headerOf[line] = header; // a row of the table (one without digits too)
            } else if (labels) {
                // a header; also a line shaped as the table's rows that labels a column as dates: a second table's header
                header = line;
                headerSep = sep;
                headerCount = count;
            } else {
                header = -1;
            }
            line++;
            start = i + 1;
        }
    }

    /**
     * The number of columns a PostgreSQL dump's {@code COPY table (a, b, c) FROM stdin;} line at {@code [start,end)}
     * names, or 0 if it is no such line.
     */
    private int copyHeader(int start, int end) {
        if (end - start < 20 || text.charAt(start) != 'C' || !text.subSequence(start, start + 5).toString().equals("COPY ")) return 0;
        String line = text.subSequence(start, end).toString();
        int open = line.indexOf('('), close = line.indexOf(')');
        if (open < 0 || close < open || !line.substring(close).contains("FROM stdin")) return 0;
        int columns = 1;
        for (int c = open + 1; c < close; c++) if (line.charAt(c) == ',') columns++;
        return columns;
    }

    /** Whether a cell of the line {@code [start,end)} labels dates ({@link #birthLabel}, {@link #otherDateLabel}). */
    private boolean dateLabelCell(int start, int end, char sep) {
        for (int c = start; c <= end; ) {
            int e = c;
            while (e < end && text.charAt(e) != sep) e++;
            String cell = label(c, e);
            if (cell != null && (birthLabel(cell) || otherDateLabel(cell))) return true;
            c = e + 1;
        }
        return false;
    }

    /**
     * The header line heading the line at character {@code offset}, as {@code start << 32 | end} (without its line
     * break), or -1 when no header heads it.
     */
    long headerLine(int offset) {
        int h = headerOf[lineOf(offset)];
        return h < 0 ? -1 : (long) lineStarts[h] << 32 | lineEnd(h);
    }

    /** The line holding character {@code offset}. */
    private int lineOf(int offset) {
        int line = Arrays.binarySearch(lineStarts, offset);
        return line < 0 ? -line - 2 : line;
    }

    /** Where line {@code line} ends, before its line break. */
    private int lineEnd(int line) {
        return line + 1 < lineStarts.length ? lineStarts[line + 1] - 1 : text.length();
    }

    /** The label heading the cell at character {@code offset}, trimmed, or null when no header heads its line. */
    String headerAt(int offset) {
        int line = lineOf(offset);
        int h = headerOf[line];
        if (h < 0) return null;
        char sep = sepOf[line];
        int column = 0;
        for (int c = lineStarts[line]; c < offset; c++) if (text.charAt(c) == sep) column++;
        int c = lineStarts[h], end = lineEnd(h);
        char cellSep = sep;
        if (cellSepOf[h] != 0) {
            // the column list in brackets
            cellSep = cellSepOf[h];
            while (c < end && text.charAt(c) != '(') c++;
            c++;
            while (end > c && text.charAt(end - 1) != ')') end--;
            end--;
        }
        for (int k = 0; k < column && c < end; c++) if (text.charAt(c) == cellSep) k++;
        int e = c;
        while (e < end && text.charAt(e) != cellSep) e++;
        return label(c, e);
    }

    /** The cell's text at {@code [from,to)} trimmed, in lower case, ё read as е; null if it is empty. */
    private String label(int from, int to) {
        String cell = text.subSequence(from, to).toString().strip();
        return cell.isEmpty() ? null : cell.toLowerCase(Locale.ROOT).replace('ё', 'е');
    }

    /** Whether a header cell names a birth date: {@code ДР}, {@code Д.Р.}, {@code Дата рождения}, {@code DOB}, {@code Birthday}. */
    static boolean birthLabel(String cell) {
        StringBuilder letters = new StringBuilder(cell.length());
        for (int i = 0; i < cell.length(); i++) if (Character.isLetter(cell.charAt(i))) letters.append(cell.charAt(i));
        String l = letters.toString();
        return l.equals("др") || l.equals("dob") || l.contains("рожд") || l.contains("birth");
    }

    /**
     * Whether a header cell names another date: {@code Дата приёма}, {@code Дата заказа}, {@code Выдан}, {@code Date}, a
     * database's {@code created_at}.
     */
    static boolean otherDateLabel(String cell) {
        return !birthLabel(cell) && (cell.contains("дат") || cell.contains("date") || cell.contains("выда") || cell.contains("срок")
                || cell.contains("когда") || cell.contains("время") || cell.contains("created") || cell.contains("updated")
                || cell.contains("time") || cell.endsWith("_at"));
    }
}
