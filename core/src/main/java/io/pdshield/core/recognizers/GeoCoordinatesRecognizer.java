package io.pdshield.core.recognizers;

import io.pdshield.core.ContextWords;
import io.pdshield.core.Kind;
import io.pdshield.core.Recognizer;
import io.pdshield.core.ScanContext;
import io.pdshield.core.Tokens;

import java.util.Set;

/**
 * Geographic coordinates written as a decimal latitude, longitude pair: {@code 55.7558, 37.6173},
 * {@code 55.7558 37.6173}, {@code -33.8688,151.2093}. Four or more decimals each (about 10 m) is
 * strong evidence; three needs context. Also with degree signs and hemispheres ({@code 55.7558 N,
 * 37.6173 E}, {@code 55.7558° с.ш.}) and in degrees, minutes and seconds ({@code 55°45′21″ с. ш.
 * 37°37′04″ в. д.}, {@code 55°45'21.5"N 37°37'04.2"E}); those are given in decimal degrees.
 */
public final class GeoCoordinatesRecognizer implements Recognizer {
    static final ContextWords CONTEXT = ContextWords.of(
            "координат", "геолокац", "геопозиц", "gps", "местоположени", "локаци", "📍", "🗺", "карте", "map", "шир", "долг", "lat");

    @Override
    public String name() {
        return "geo-coordinates";
    }

    @Override
    public Set<Kind> kinds() {
        return Set.of(Kind.GEO_COORDINATES);
    }

    @Override
    public void recognize(ScanContext ctx) {
        if (!ctx.enabled(Kind.GEO_COORDINATES)) return;
        Tokens t = ctx.tokens();
        CharSequence text = t.text();
        int n = t.size();
        Tokens.IntList nums = t.nums();
        int doneTo = -1;
        for (int k = 0; k < nums.size(); k++) {
            int i = nums.get(k);
            if (i <= doneTo) continue;
            int lat = decimal(t, i);
            if (lat < 0) continue;
            // the latitude must not continue a dotted number on the left
            int first = t.isSym(i - 1, '-') && t.glued(i) ? i - 1 : i;
            if (first > 0 && t.glued(first) && (t.type(first - 1) == Tokens.NUM || t.type(first - 1) == Tokens.WORD || t.isSym(first - 1, '.'))) continue;
            int latEnd = i + 2;
            int j = latEnd + 1;
            if (t.isSym(j, ',') || t.isSym(j, ';')) j++;
            else if (j < n && t.glued(j)) continue;
            int lonFirst = j;
            if (t.isSym(j, '-')) j++;
            int lon = decimal(t, j);
            if (lon < 0) continue;
            int lonEnd = j + 2;
            if (lonEnd + 1 < n && t.glued(lonEnd + 1) && (t.type(lonEnd + 1) == Tokens.NUM || t.type(lonEnd + 1) == Tokens.WORD || t.isSym(lonEnd + 1, '.'))) continue;
            String latS = text.subSequence(t.start(first), t.end(latEnd)).toString();
            String lonS = text.subSequence(t.start(lonFirst), t.end(lonEnd)).toString();
            double la, lo;
            try {
                la = Double.parseDouble(latS);
                lo = Double.parseDouble(lonS);
            } catch (NumberFormatException e) {
                continue;
            }
            if (Math.abs(la) > 90 || Math.abs(lo) > 180) continue;
            int decimals = Math.min(lat, lon);
            if (decimals < 3) continue;
            double base = decimals >= 4 ? 0.65 : 0.35;
            ctx.emit(Kind.GEO_COORDINATES, t.start(first), t.end(lonEnd), base, latS + "," + lonS, name(),
                    "lat, lon", "latitude ≤ 90, longitude ≤ 180, " + decimals + " decimals", CONTEXT, Lexicon.NEGATIVE_NUMBERS);
            doneTo = lonEnd;
        }
        marked(ctx);
    }

    /**
     * Coordinates with degree signs or hemispheres, read in a second pass from each number the
     * plain pass left: {@code 55.7558 N, 37.6173 E}, {@code 55.7558° с.ш. 37.6173° в.д.}, and degrees,
     * minutes and seconds {@code 55°45′21″ с. ш. 37°37′04″ в. д.}, {@code 55°45'21.5"N 37°37'04.2"E}
     * (as map services copy them). Value: decimal degrees, six decimals, south and west negative.
     */
    private void marked(ScanContext ctx) {
        Tokens t = ctx.tokens();
        Tokens.IntList nums = t.nums();
        int doneTo = -1;
        Coord lat = null, lon = null; // made for the first number with a mark: most texts have none
        for (int k = 0; k < nums.size(); k++) {
            int i = nums.get(k);
            // the latitude carries a mark: a degree sign after its degrees or after its decimals, or a
            // one-letter hemisphere after its decimals (dates and prices have none); most numbers are
            // followed by no symbol at all, so one read rejects them
            char after = t.symbolAt(i + 1);
            if (after != '\u00B0' && after != '.') continue;
            boolean marks = after == '\u00B0' || t.glued(i + 1)
                    && (t.symbolAt(i + 3) == '\u00B0' || t.isWord(i + 3) && t.length(i + 3) == 1);
            if (!marks || i <= doneTo || t.length(i) > 3 || t.alnumBefore(i) || i > 0 && t.glued(i) && t.isSym(i - 1, '.')) continue;
            if (lat == null) {
                lat = new Coord();
                lon = new Coord();
            }
            if (!lat.read(t, i) || lat.hemisphere == Coord.EAST_WEST) continue;
            int j = lat.next;
            if (t.isSym(j, ',') || t.isSym(j, ';')) j++;
            if (!lon.read(t, j) || lon.hemisphere == Coord.NORTH_SOUTH) continue;
            // plain decimals without any mark are the plain pass's; one marked part is enough here
            if (!lat.marked && !lon.marked) continue;
            if (lat.hemisphere == Coord.NONE && lon.hemisphere == Coord.NONE && (lat.dms != lon.dms)) continue;
            if (Math.abs(lat.value) > 90 || Math.abs(lon.value) > 180) continue;
            int end = t.end(lon.next - 1);
            String value = String.format(java.util.Locale.ROOT, "%.6f,%.6f", lat.value, lon.value);
            boolean fine = lat.precise && lon.precise;
            ctx.emit(Kind.GEO_COORDINATES, t.start(i), end, fine ? 0.65 : 0.35, value, name(),
                    lat.dms ? "lat, lon (degrees, minutes, seconds)" : "lat, lon (degrees)",
                    "latitude ≤ 90, longitude ≤ 180", CONTEXT, Lexicon.NEGATIVE_NUMBERS);
            doneTo = lon.next - 1;
            while (k + 1 < nums.size() && nums.get(k + 1) <= doneTo) k++;
        }
    }

    /** One coordinate with its marks, read from tokens. Not thread-safe. */
    private static final class Coord {
        static final int NONE = 0;
        static final int NORTH_SOUTH = 1;
        static final int EAST_WEST = 2;
        double value;
        /** The token after it. */
        int next;
        int hemisphere;
        /** A degree sign or a hemisphere was written. */
        boolean marked;
        boolean dms;
        /** About 10 m or better: four decimals of a degree, or seconds. */
        boolean precise;

        boolean read(Tokens t, int i) {
            if (!t.isNum(i) || t.length(i) > 3) return false;
            int p = i + 1;
            double v = t.intValue(i);
            marked = false;
            dms = false;
            precise = false;
            if (t.isSym(p, '.') && t.glued(p) && t.isNum(p + 1) && t.glued(p + 1)) {
                v += fraction(t, p + 1);
                precise = t.length(p + 1) >= 4;
                p += 2;
            }
            if (t.isSym(p, '\u00B0') && t.glued(p)) {
                marked = true;
                p++;
                // minutes and seconds: 45′21″, 45'21.5"
                if (p == i + 2 && t.isNum(p) && t.glued(p) && t.length(p) <= 2 && minuteMark(t, p + 1)) {
                    dms = true;
                    v += t.intValue(p) / 60.0;
                    p += 2;
                    if (t.isNum(p) && t.glued(p) && t.length(p) <= 2) {
                        double sec = t.intValue(p);
                        int q = p + 1;
                        if (t.isSym(q, '.') && t.glued(q) && t.isNum(q + 1) && t.glued(q + 1)) {
                            sec += fraction(t, q + 1);
                            q += 2;
                        }
                        if (!secondMark(t, q)) return false;
                        v += sec / 3600.0;
                        precise = true;
                        p = q + 1;
                    }
                }
            }
            hemisphere = NONE;
            int h = hemisphere(t, p);
            if (h != 0) {
                marked = true;
                hemisphere = Math.abs(h);
                if (h < 0) v = -v;
                p = hemisphereEnd;
            }
            if (t.alnumAfter(p - 1)) return false;
            value = v;
            next = p;
            return true;
        }

        private int hemisphereEnd;

        /**
         * The hemisphere written at token p ({@code N}, {@code S}, {@code E}, {@code W}, {@code с.ш.},
         * {@code ю.ш.}, {@code в.д.}, {@code з.д.}, glued or after a space): +1 north, -1 south, +2 east,
         * -2 west, 0 none; its end in {@link #hemisphereEnd}.
         */
        private int hemisphere(Tokens t, int p) {
            if (!t.isWord(p) || t.length(p) != 1) return 0;
            char c = Character.toLowerCase(t.firstChar(p));
            // с. ш., в. д.: the letter, a dot, then ш or д and its dot
            if (t.isSym(p + 1, '.') && t.glued(p + 1) && t.isWord(p + 2) && t.length(p + 2) == 1) {
                char d = Character.toLowerCase(t.firstChar(p + 2));
                int end = t.isSym(p + 3, '.') && t.glued(p + 3) ? p + 4 : p + 3;
                int h = d == 'ш' ? (c == 'с' ? 1 : c == 'ю' ? -1 : 0) : d == 'д' ? (c == 'в' ? 2 : c == 'з' ? -2 : 0) : 0;
                if (h != 0) {
                    hemisphereEnd = end;
                    return h;
                }
            }
            if (t.alnumAfter(p)) return 0;
            int h = switch (c) {
                case 'n' -> 1;
                case 's' -> -1;
                case 'e' -> 2;
                case 'w' -> -2;
                default -> 0;
            };
            hemisphereEnd = p + 1;
            return h;
        }

        private static boolean minuteMark(Tokens t, int p) {
            return t.glued(p) && (t.isSym(p, '\u2032') || t.isSym(p, '\'') || t.isSym(p, '\u2019'));
        }

        private static boolean secondMark(Tokens t, int p) {
            return t.glued(p) && (t.isSym(p, '\u2033') || t.isSym(p, '"') || t.isSym(p, '\u201D'));
        }

        private static double fraction(Tokens t, int i) {
            double v = 0, scale = 1;
            for (int k = t.start(i); k < t.end(i); k++) {
                v = v * 10 + (t.chars()[k] - '0');
                scale *= 10;
            }
            return v / scale;
        }
    }

    /** If tokens i..i+2 are {@code digits . digits} (1–3 integer digits), the number of decimals; else -1. */
    private static int decimal(Tokens t, int i) {
        if (i < 0 || i + 2 >= t.size()) return -1;
        if (t.type(i) != Tokens.NUM || t.length(i) > 3) return -1;
        if (!t.isSym(i + 1, '.') || !t.glued(i + 1) || !t.glued(i + 2) || t.type(i + 2) != Tokens.NUM) return -1;
        return t.length(i + 2);
    }
}
