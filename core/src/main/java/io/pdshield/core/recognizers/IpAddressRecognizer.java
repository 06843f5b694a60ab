package io.pdshield.core.recognizers;

import io.pdshield.core.ContextWords;
import io.pdshield.core.Kind;
import io.pdshield.core.Recognizer;
import io.pdshield.core.ScanContext;
import io.pdshield.core.Tokens;

import java.util.Set;

/**
 * IP addresses. IPv4: four dot-separated numbers 0–255 without leading zeros, not part of a
 * longer dotted sequence (version numbers) or glued to letters, and public: private, loopback,
 * link-local, carrier-NAT, multicast and reserved ranges identify nobody (nor do IPv6 loopback,
 * link-local and unique local addresses). IPv6: hexadecimal groups of at
 * most four digits separated by colons, eight of them or fewer with one {@code ::}; times such
 * as {@code 12:30:45} are not. Value: the IPv4 as written; IPv6 in lower case without leading zeros.
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
        v4(ctx);
        v6(ctx);
    }

    private void v6(ScanContext ctx) {
        Tokens t = ctx.tokens();
        CharSequence text = t.text();
        int n = t.size();
        Tokens.IntList colons = t.colons();
        int doneTo = -1;
        for (int k = 0; k < colons.size(); k++) {
            int i = colons.get(k);
            // a colon glued on both sides is where an IPv6 address shows itself
            if (i <= doneTo || !t.glued(i) || i + 1 >= n || !t.glued(i + 1)) continue;
            int s = t.start(i);
            while (s > 0 && hexOrColon(text.charAt(s - 1))) s--;
            int e = t.end(i);
            while (e < text.length() && hexOrColon(text.charAt(e))) e++;
            int skipTo = t.tokenAt(e);
            doneTo = skipTo - 1;
            if (s > 0 && (Character.isLetterOrDigit(text.charAt(s - 1)) || text.charAt(s - 1) == '.')) continue;
            if (e < text.length() && (Character.isLetterOrDigit(text.charAt(e)) || text.charAt(e) == '.' && e + 1 < text.length() && Character.isLetterOrDigit(text.charAt(e + 1)))) continue;
            // ipv6 needs at least three colons: times (12:30, 12:30:45) are dropped before any string is built
            int colons3 = 0;
            for (int c = s; c < e && colons3 < 3; c++) if (text.charAt(c) == ':') colons3++;
            if (colons3 < 3) continue;
            String value = ipv6(text.subSequence(s, e).toString());
            if (value != null && publicV6(value)) {
                ctx.emit(Kind.IP_ADDRESS, s, e, 0.55, value, name(), "IPv6", "hex groups ok", CONTEXT, NEGATIVE);
            }
        }
    }

    /**
     * Whether a normalized IPv6 address can point at someone: not loopback or unspecified
     * ({@code ::1}, {@code ::}), link-local ({@code fe80::/10}) or unique local ({@code fc00::/7}).
     */
    static boolean publicV6(String v) {
        if (v.startsWith("::")) return false;
        int colon = v.indexOf(':');
        int first = Integer.parseInt(v.substring(0, colon), 16);
        return (first & 0xFE00) != 0xFC00 && (first & 0xFFC0) != 0xFE80;
    }

    private static boolean hexOrColon(char c) {
        return c == ':' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** Normalized IPv6 text, or null when {@code s} is not an IPv6 address. */
    static String ipv6(String s) {
        int colons = 0;
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) == ':') colons++;
        int dbl = s.indexOf("::");
        // eight groups, or "::" and at least two more: times like 12:30:45 are neither
        if (dbl < 0 ? colons != 7 : colons < 3) return null;
        if (dbl >= 0 && s.indexOf("::", dbl + 1) >= 0) return null;
        if (s.contains(":::")) return null;
        if ((s.startsWith(":") && dbl != 0) || (s.endsWith(":") && dbl != s.length() - 2)) return null;
        String[] groups = s.split(":", -1);
        int nonEmpty = 0;
        boolean longGroup = false;
        StringBuilder out = new StringBuilder(s.length());
        for (int k = 0; k < groups.length; k++) {
            String g = groups[k];
            if (k > 0) out.append(':');
            if (g.isEmpty()) continue;
            if (g.length() > 4) return null;
            nonEmpty++;
            longGroup |= g.length() >= 3;
            int z = 0;
            while (z < g.length() - 1 && g.charAt(z) == '0') z++;
            out.append(g.substring(z).toLowerCase(java.util.Locale.ROOT));
        }
        if (dbl < 0 ? nonEmpty != 8 : nonEmpty > 7 || nonEmpty < 2) return null;
        if (!longGroup) return null;
        return out.toString();
    }

    private void v4(ScanContext ctx) {
        Tokens t = ctx.tokens();
        int n = t.size();
        Tokens.IntList nums = t.nums();
        int doneTo = -1;
        for (int k = 0; k < nums.size(); k++) {
            int i = nums.get(k);
            if (i + 6 >= n) break;
            if (i <= doneTo) continue;
            // most numbers are not followed by a glued dot: rejected before the octets are read
            if (!t.isSym(i + 1, '.') || !t.glued(i + 1)) continue;
            if (t.alnumBefore(i) || i > 0 && t.glued(i) && t.isSym(i - 1, '.')) continue;
            boolean ok = true;
            for (int q = 0; q < 4 && ok; q++) {
                int num = i + 2 * q;
                ok = t.type(num) == Tokens.NUM && octet(t, num) && (q == 0 || (t.glued(num) && t.glued(num - 1) && t.isSym(num - 1, '.')));
            }
            if (!ok) continue;
            int last = i + 6;
            if (last + 1 < n && t.glued(last + 1)) {
                byte nt = t.type(last + 1);
                if (nt == Tokens.WORD || nt == Tokens.NUM) continue;
                if (t.isSym(last + 1, '.') && last + 2 < n && t.glued(last + 2) && t.type(last + 2) == Tokens.NUM) continue;
            }
            doneTo = last;
            if (!publicV4(t.intValue(i), t.intValue(i + 2))) continue;
            String value = t.text().subSequence(t.start(i), t.end(last)).toString();
            if (RESOLVERS.contains(value)) continue;
            ctx.emit(Kind.IP_ADDRESS, t.start(i), t.end(last), 0.55, value, name(), "a.b.c.d", "octets 0-255, public",
                    CONTEXT, NEGATIVE);
        }
    }

    /**
     * Whether an IPv4 address starting {@code a.b} can point at someone: not a private, loopback,
     * link-local, shared (carrier NAT), "this network", multicast or reserved one (RFC 6890) —
     * {@code 192.168.1.1} is everybody's router.
     */
    static boolean publicV4(int a, int b) {
        if (a == 0 || a == 10 || a == 127 || a >= 224) return false;
        if (a == 172 && b >= 16 && b <= 31) return false;
        if (a == 192 && b == 168) return false;
        if (a == 169 && b == 254) return false;
        return !(a == 100 && b >= 64 && b <= 127);
    }

    /** Public DNS resolvers everybody types (Google, Cloudflare, Quad9, Yandex, OpenDNS): nobody's address. */
    private static final java.util.Set<String> RESOLVERS = java.util.Set.of("8.8.8.8", "8.8.4.4", "1.1.1.1", "1.0.0.1",
            "9.9.9.9", "149.112.112.112", "77.88.8.8", "77.88.8.1", "208.67.222.222", "208.67.220.220");

    private static boolean octet(Tokens t, int i) {
        int len = t.length(i);
        if (len > 3) return false;
        if (len > 1 && t.firstChar(i) == '0') return false;
        return t.intValue(i) <= 255;
    }
}
