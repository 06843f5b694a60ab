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
 * strong evidence; three needs context.
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
    }

    /** If tokens i..i+2 are {@code digits . digits} (1–3 integer digits), the number of decimals; else -1. */
    private static int decimal(Tokens t, int i) {
        if (i < 0 || i + 2 >= t.size()) return -1;
        if (t.type(i) != Tokens.NUM || t.length(i) > 3) return -1;
        if (!t.isSym(i + 1, '.') || !t.glued(i + 1) || !t.glued(i + 2) || t.type(i + 2) != Tokens.NUM) return -1;
        return t.length(i + 2);
    }
}
