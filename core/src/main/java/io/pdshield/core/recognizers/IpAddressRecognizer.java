package io.pdshield.core.recognizers;

import io.pdshield.core.ContextWords;
import io.pdshield.core.Kind;
import io.pdshield.core.Recognizer;
import io.pdshield.core.ScanContext;
import io.pdshield.core.Tokens;

import java.util.Set;

/**
 * IPv4 addresses: four dot-separated numbers 0–255 without leading zeros, not part of a longer
 * dotted sequence (version numbers) or glued to letters.
 */
public final class IpAddressRecognizer implements Recognizer {
    static final ContextWords CONTEXT = ContextWords.of("ip", "айпи", "ip-адрес", "адрес", "сервер", "vpn", "провайдер", "/ip");
    static final ContextWords NEGATIVE = ContextWords.of("версия", "version", "v$", "обновлени", "сборка");

    @Override
    public String name() {
        return "ip-address";
    }

    @Override
    public Set<Kind> kinds() {
        return Set.of(Kind.IP_ADDRESS);
    }

    @Override
    public void recognize(ScanContext ctx) {
        if (!ctx.enabled(Kind.IP_ADDRESS)) return;
        Tokens t = ctx.tokens();
        int n = t.size();
        for (int i = 0; i + 6 < n; i++) {
            if (t.type(i) != Tokens.NUM) continue;
            if (i > 0 && t.glued(i) && (t.type(i - 1) == Tokens.WORD || t.type(i - 1) == Tokens.NUM || t.isSym(i - 1, '.'))) continue;
            boolean ok = true;
            for (int k = 0; k < 4 && ok; k++) {
                int num = i + 2 * k;
                ok = t.type(num) == Tokens.NUM && octet(t, num) && (k == 0 || (t.glued(num) && t.glued(num - 1) && t.isSym(num - 1, '.')));
            }
            if (!ok) continue;
            int last = i + 6;
            if (last + 1 < n && t.glued(last + 1)) {
                byte nt = t.type(last + 1);
                if (nt == Tokens.WORD || nt == Tokens.NUM) continue;
                if (t.isSym(last + 1, '.') && last + 2 < n && t.glued(last + 2) && t.type(last + 2) == Tokens.NUM) continue;
            }
            String value = t.text().subSequence(t.start(i), t.end(last)).toString();
            ctx.emit(Kind.IP_ADDRESS, t.start(i), t.end(last), 0.55, value, name(), "a.b.c.d", "octets 0-255",
                    CONTEXT, NEGATIVE);
            i = last;
        }
    }

    private static boolean octet(Tokens t, int i) {
        int len = t.length(i);
        if (len > 3) return false;
        CharSequence text = t.text();
        int s = t.start(i);
        if (len > 1 && text.charAt(s) == '0') return false;
        int v = 0;
        for (int k = 0; k < len; k++) v = v * 10 + (text.charAt(s + k) - '0');
        return v <= 255;
    }
}
