package io.pdshield.core.recognizers;

import io.pdshield.core.ContextWords;
import io.pdshield.core.Kind;
import io.pdshield.core.Recognizer;
import io.pdshield.core.ScanContext;
import io.pdshield.core.Tokens;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Links to a person's social-network profile ({@code vk.com/id123}, {@code https://ok.ru/profile/…},
 * {@code t.me/name}, {@code instagram.com/name}, …), {@code @name} handles after a social
 * context word ("инст: @name"), VK page ids right after a VK label ("вк: id123"), and Telegram account
 * numbers ({@code tg://user?id=123456789}, {@code Telegram ID: 123456789}). Value: host without
 * {@code www.}/{@code m.} plus path, lower case; a handle after a Telegram label becomes {@code t.me/name},
 * after an Instagram one {@code instagram.com/name} (one fingerprint with the link), a VK id
 * {@code vk.com/id123}, a Telegram account number {@code tg://user?id=123456789}.
 */
public final class SocialProfileRecognizer implements Recognizer {
    /** Hosts whose links name a profile; matched case-insensitively. */
    static final List<String> HOSTS = List.of(
            "vk.com/", "vk.ru/", "vkontakte.ru/", "ok.ru/", "odnoklassniki.ru/", "t.me/", "telegram.me/",
            "instagram.com/", "instagr.am/", "facebook.com/", "fb.com/", "twitter.com/", "x.com/", "tiktok.com/",
            "youtube.com/", "my.mail.ru/", "linkedin.com/in/",
            // a game platform's profile (gamers' nicknames lead to their real names), VK's messenger link to a person
            "steamcommunity.com/id/", "steamcommunity.com/profiles/", "vk.me/");
    /** The first letters of {@link #HOSTS}, a 128-bit set. */
    private static final long[] HOST_FIRST = new long[2];

    static {
        for (String h : HOSTS) HOST_FIRST[h.charAt(0) >>> 6] |= 1L << h.charAt(0);
    }

    static final ContextWords HANDLE_CONTEXT = ContextWords.of(
            "инст", "instagram", "inst$", "insta", "тг$", "тг:", "телеграм", "телега", "telegram", "tg$", "вк$", "вконтакте",
            "ник", "профиль", "аккаунт", "акк$", "страниц", "соцсет", "twitter", "твиттер", "тикток", "tiktok", "юзернейм", "username");
    private static final ContextWords TELEGRAM = ContextWords.of("тг$", "тг:", "телеграм", "телега", "telegram", "tg$");
    private static final ContextWords INSTAGRAM = ContextWords.of("инст", "instagram", "inst$", "insta");

    @Override
    public String name() {
        return "social-profile";
    }

    @Override
    public Set<Kind> kinds() {
        return Set.of(Kind.SOCIAL_PROFILE);
    }

    @Override
    public void recognize(ScanContext ctx) {
        if (!ctx.enabled(Kind.SOCIAL_PROFILE)) return;
        Tokens t = ctx.tokens();
        CharSequence text = t.text();
        int n = t.size();
        Tokens.IntList words = t.latinWords();
        int doneTo = -1; // the last token of the last link found: words inside it are the link's
        for (int k = 0; k < words.size(); k++) {
            int i = words.get(k);
            if (i <= doneTo) continue;
            if (i + 1 < n && t.isSym(i + 1, '.') && t.glued(i + 1)) {
                int end = link(ctx, i);
                if (end > 0) {
                    doneTo = t.tokenAt(end) - 1;
                    continue;
                }
            }
            if (!t.glued(i) && (t.symbolAt(i - 1) == ':' || t.isWord(i - 1))) bareHandle(ctx, i, t.symbolAt(i - 1) == ':');
            if (t.length(i) != 2) continue;
            if (t.equalsIgnoreCase(i, "id")) {
                vkId(ctx, i);
                telegramId(ctx, i);
            } else if (t.equalsIgnoreCase(i, "tg")) {
                telegramLink(ctx, i);
            }
        }
        Tokens.IntList ats = t.ats();
        for (int k = 0; k < ats.size(); k++) {
            int i = ats.get(k);
            if (i + 1 < n && t.glued(i + 1) && t.type(i + 1) != Tokens.SYM
                    && !(i > 0 && t.glued(i) && t.type(i - 1) != Tokens.SYM)) {
                handle(ctx, i);
            }
        }
    }

    /** Network labels after which a bare name is a handle ({@code Instagram: anna.s_90}). */
    private static final WordTable HANDLE_LABELS = WordTable.of(0, "инст", "инста", "инстаграм", "instagram", "inst", "insta",
            "тг", "телеграм", "телеграмм", "телега", "telegram", "tg", "тикток", "tiktok", "твиттер", "twitter", "ник", "никнейм",
            "юзернейм", "username", "nick");
    /** Words after such a label that say there is no handle. */
    private static final WordTable NOT_HANDLES = WordTable.of(0, "none", "no", "yes", "null", "private", "premium", "hidden",
            "deleted", "unknown", "nan", "true", "false");

    /**
     * A handle written without its {@code @} right after a network's label and a colon, as lookup bots print
     * them: {@code Instagram: anna.s_90}, {@code Telegram: ivanov_ivan}. Lower case only (a capitalised word
     * there is a sentence or a status), not a word that says there is none. Without the colon ({@code инст
     * anna.s_90}, {@code тг ivan_85}) only a name with a dot, an underscore or a digit in it: a plain word after
     * a label is as often the sentence going on. Value as for {@code @name}.
     */
    private void bareHandle(ScanContext ctx, int i, boolean colon) {
        Tokens t = ctx.tokens();
        int j = colon ? t.wordBefore(i, ":") : i - 1;
        if (j < 0 || HANDLE_LABELS.get(t, j) < 0) return;
        CharSequence text = t.text();
        int s = t.start(i);
        char first = text.charAt(s);
        if (!(first >= 'a' && first <= 'z' || first == '_')) return;
        int e = s;
        boolean upper = false;
        while (e < text.length() && handleChar(text.charAt(e))) {
            upper |= Character.isUpperCase(text.charAt(e));
            e++;
        }
        while (e > s && text.charAt(e - 1) == '.') e--;
        if (upper || e - s < 3 || e - s > 32 || NOT_HANDLES.get(t, i) >= 0) return;
        if (e < text.length() && (text.charAt(e) == '@' || text.charAt(e) == '/' || Character.isLetterOrDigit(text.charAt(e)))) return;
        if (!colon && !handleMarks(text, s, e)) return;
        String name = text.subSequence(s, e).toString();
        // a domain (name.ru) is a link or an e-mail's, not a handle
        int dot = name.lastIndexOf('.');
        if (dot > 0 && dot >= name.length() - 4 && name.substring(dot + 1).chars().allMatch(Character::isLetter)) return;
        ctx.emit(Kind.SOCIAL_PROFILE, s, e, 0.5, handleValue(network(t.chars(), t.start(j), t.end(j)), name), name(), colon ? "label: handle" : "label handle",
                "handle syntax ok after a network's label", HANDLE_CONTEXT, ContextWords.NONE);
    }

    /** The name {@code [s,e)} has a dot, an underscore or a digit: a handle's marks, no plain word's. */
    private static boolean handleMarks(CharSequence text, int s, int e) {
        for (int k = s; k < e; k++) {
            char c = text.charAt(k);
            if (c == '.' || c == '_' || c >= '0' && c <= '9') return true;
        }
        return false;
    }

    /**
     * Telegram's link to a user by account number, as lookup bots print it: {@code tg://user?id=123456789};
     * or a lookup bot's command with one: {@code /tg 123456789}.
     */
    private void telegramLink(ScanContext ctx, int i) {
        Tokens t = ctx.tokens();
        CharSequence text = t.text();
        if (t.isSym(i - 1, '/') && t.glued(i) && !t.alnumBefore(i - 1) && t.isNum(i + 1) && !t.glued(i + 1) && accountNumber(t, i + 1)) {
            ctx.emit(Kind.SOCIAL_PROFILE, t.start(i + 1), t.end(i + 1), 0.6, "tg://user?id=" + t.string(i + 1), name(),
                    "/tg + number", "Telegram account number after a lookup command", HANDLE_CONTEXT, ContextWords.NONE);
            return;
        }
        int at = t.end(i);
        if (!regionMatches(text, at, TG_USER) || t.alnumBefore(i)) return;
        int num = t.tokenAt(at + TG_USER.length());
        if (!t.isNum(num) || t.start(num) != at + TG_USER.length() || !accountNumber(t, num)) return;
        ctx.emit(Kind.SOCIAL_PROFILE, t.start(i), t.end(num), 0.85, "tg://user?id=" + t.string(num), name(), "tg://user?id=…",
                "Telegram account link", HANDLE_CONTEXT, ContextWords.NONE);
    }

    /** Token {@code num} can be a Telegram account number: 5–12 digits standing alone. */
    private static boolean accountNumber(Tokens t, int num) {
        return t.length(num) >= 5 && t.length(num) <= 12 && !t.alnumAfter(num);
    }

    private static final String TG_USER = "://user?id=";

    /**
     * A Telegram account number after {@code ID} on a line about Telegram ({@code Telegram ID: 123456789},
     * {@code Телеграм: @name (ID: 123456789)}): value {@code tg://user?id=123456789}, the link that opens it.
     */
    private void telegramId(ScanContext ctx, int i) {
        Tokens t = ctx.tokens();
        int num = i + 1;
        char c = t.symbolAt(num);
        if (c == ':' || c == '-' || c == '\u2014') num++;
        if (!t.isNum(num) || !accountNumber(t, num) || t.alnumBefore(i)) return;
        int at = t.start(i);
        if (!TELEGRAM.occursIn(t.chars(), ctx.lineFrom(at, ScanContext.WINDOW_BEFORE), at)) return;
        ctx.emit(Kind.SOCIAL_PROFILE, t.start(num), t.end(num), 0.6, "tg://user?id=" + t.string(num), name(), "Telegram ID + number",
                "Telegram account number after its label", HANDLE_CONTEXT, ContextWords.NONE);
    }

    /**
     * A VK page id written without the host right after a VK label ({@code вк: id123456789},
     * {@code /vk id123456789}): {@code vk.com/id123456789}.
     */
    private void vkId(ScanContext ctx, int i) {
        Tokens t = ctx.tokens();
        int num = i + 1;
        if (!t.isNum(num) || !t.glued(num) || t.length(num) < 3 || t.length(num) > 10 || t.alnumAfter(num)
                || t.alnumBefore(i)) {
            return;
        }
        int j = t.wordBefore(i, ":-\u2014");
        if (j < 0 || !(t.equalsIgnoreCase(j, "вк") || t.equalsIgnoreCase(j, "vk") || t.equalsIgnoreCase(j, "вконтакте")
                || t.equalsIgnoreCase(j, "vkontakte"))) {
            return;
        }
        String value = "vk.com/id" + t.string(num);
        ctx.emit(Kind.SOCIAL_PROFILE, t.start(i), t.end(num), 0.6, value, name(), "VK label + id…", "VK page id after its label",
                HANDLE_CONTEXT, ContextWords.NONE);
    }

    /** Tries a profile link whose host starts at token i; returns its end offset or -1. */
    private int link(ScanContext ctx, int i) {
        Tokens t = ctx.tokens();
        CharSequence text = t.text();
        int hs = t.start(i);
        // "m.vk.com", "www.instagram.com": the host proper may start one label later
        String matched = null;
        int hostStart = hs;
        for (int attempt = 0; attempt < 2 && matched == null; attempt++) {
            // most words before a dot start no known host: one look at the first letter skips the list
            char c0 = hostStart < text.length() ? Character.toLowerCase(text.charAt(hostStart)) : 0;
            if (c0 < 128 && (HOST_FIRST[c0 >>> 6] & 1L << c0) != 0) {
                for (String h : HOSTS) {
                    if (regionMatches(text, hostStart, h)) {
                        matched = h;
                        break;
                    }
                }
            }
            if (matched == null) {
                // "www." or "m." before the host (only W/w and M/m lower-case to w and m)
                int len = t.length(i);
                boolean prefix = len == 3 && t.equalsIgnoreCase(i, "www") || len == 1 && t.equalsIgnoreCase(i, "m");
                if (attempt == 0 && prefix) hostStart = t.start(i) + len + 1;
                else break;
            }
        }
        if (matched == null) return -1;
        if (t.alnumBefore(i) || i > 0 && t.glued(i) && t.isSym(i - 1, '.')) return -1;
        int pathStart = hostStart + matched.length();
        int e = pathStart;
        while (e < text.length() && pathChar(text.charAt(e))) e++;
        while (e > pathStart && ".,;:!?)-/".indexOf(text.charAt(e - 1)) >= 0) e--;
        if (e - pathStart < 2) return -1;
        int start = hs;
        // include a scheme written before: "https://"
        for (String scheme : new String[]{"https://", "http://"}) {
            int s = hs - scheme.length();
            if (s >= 0 && regionMatches(text, s, scheme)) {
                start = s;
                break;
            }
        }
        String host = matched.substring(0, matched.length() - 1);
        boolean telegram = host.equals("t.me") || host.equals("telegram.me");
        if (telegram ? !telegramProfile(text, pathStart, e) : notAPerson(host, text, pathStart, e)) return e;
        String value = (host + "/" + text.subSequence(pathStart, e)).toLowerCase(Locale.ROOT);
        while (value.endsWith("/")) value = value.substring(0, value.length() - 1);
        ctx.emit(Kind.SOCIAL_PROFILE, start, e, 0.85, value, name(), matched + "…", "known profile host",
                HANDLE_CONTEXT, ContextWords.NONE);
        return e;
    }

    private void handle(ScanContext ctx, int i) {
        Tokens t = ctx.tokens();
        CharSequence text = t.text();
        int s = t.start(i) + 1;
        int e = s;
        while (e < text.length() && handleChar(text.charAt(e))) e++;
        while (e > s && text.charAt(e - 1) == '.') e--;
        if (e - s < 3 || e - s > 32) return;
        if (e < text.length() && (text.charAt(e) == '@' || Character.isLetterOrDigit(text.charAt(e)))) return;
        String name = text.subSequence(s, e).toString().toLowerCase(Locale.ROOT);
        ctx.emit(Kind.SOCIAL_PROFILE, t.start(i), e, 0.2, handleValue(ctx, t.start(i), name), name(), "@handle", "handle syntax ok",
                HANDLE_CONTEXT, ContextWords.NONE);
    }

    /**
     * The value of a handle {@code name} written at offset {@code at}: the profile link of the network
     * its label names ({@code тг: @name} → {@code t.me/name}, {@code инст: @name} → {@code instagram.com/name},
     * so that a handle and its link have one fingerprint), else {@code @name}. The label on the handle's own
     * line decides; the line above only when this one names no network.
     */
    private static String handleValue(ScanContext ctx, int at, String name) {
        char[] cs = ctx.tokens().chars();
        int line = ctx.lineFrom(at, ScanContext.WINDOW_BEFORE);
        int network = network(cs, line, at);
        if (network == 0 && line > 0) network = network(cs, ctx.windowBeforeFrom(at, ScanContext.WINDOW_BEFORE), line);
        return handleValue(network, name);
    }

    /** The value of handle {@code name} on {@link #network} {@code network}. */
    private static String handleValue(int network, String name) {
        return switch (network) {
            case 1 -> "t.me/" + name;
            case 2 -> "instagram.com/" + name;
            default -> "@" + name;
        };
    }

    /** 1 if {@code cs[from,to)} names Telegram only, 2 if Instagram only, else 0. */
    private static int network(char[] cs, int from, int to) {
        if (from >= to) return 0;
        boolean telegram = TELEGRAM.occursIn(cs, from, to), instagram = INSTAGRAM.occursIn(cs, from, to);
        return telegram == instagram ? 0 : telegram ? 1 : 2;
    }

    /**
     * Whether a {@code t.me/} path names a user or channel: not an invite link ({@code +hash},
     * {@code joinchat/hash}, {@code addlist/…}), a post of a private channel ({@code c/123/45}), the web
     * preview ({@code s/name}), a public channel's post ({@code news_channel/1234}), a share or proxy link, or a bot
     * ({@code probiv_bot}: a bot's username ends in {@code bot}) — those lead to a chat or a function, not a person. The
     * path runs to {@code end}.
     */
    private static boolean telegramProfile(CharSequence text, int path, int end) {
        if (path < text.length() && text.charAt(path) == '+') return false;
        for (String p : NOT_PROFILES) {
            if (regionMatches(text, path, p)) return false;
        }
        int u = path;
        while (u < end && text.charAt(u) != '/' && text.charAt(u) != '?') u++;
        // a public channel's or group's post (t.me/news_channel/1234): users have no posts
        if (u + 1 < end && text.charAt(u) == '/' && Character.isDigit(text.charAt(u + 1))) return false;
        return !(u - path > 3 && regionMatches(text, u - 3, "bot"));
    }

    private static final String[] NOT_PROFILES = {"joinchat/", "addlist/", "c/", "s/", "share/", "proxy?", "socks?", "addstickers/", "addemoji/"};

    /**
     * Paths of a known host that lead to no person: a community, a post, a video, a search or a service page
     * ({@code vk.com/club123}, {@code vk.com/wall-1_2}, {@code ok.ru/group/…}, {@code instagram.com/p/…},
     * {@code youtube.com/watch?v=…}). Per host, the words such a path starts with: those followed by a digit
     * (or {@code -} and a digit: {@code wall-1_2}), and those that are the whole first segment.
     */
    private static final class NotPersons {
        final java.util.regex.Pattern pattern;
        /** The first two letters of the words, {@code (a - 'a') * 27 + (b - 'a')} (b = 26 for a one-letter word). */
        final boolean[] firstTwo = new boolean[27 * 27];

        NotPersons(String numbered, String pages) {
            String end = "([/?#.=&].*)?";
            String re = (numbered.isEmpty() ? "" : "(" + numbered + ")-?\\d.*|") + "(" + pages + ")" + end;
            pattern = java.util.regex.Pattern.compile(re);
            for (String w : (numbered + "|" + pages).split("\\|")) {
                if (w.isEmpty()) continue;
                String plain = w.replace("\\", "");
                firstTwo[(plain.charAt(0) - 'a') * 27 + (plain.length() > 1 ? plain.charAt(1) - 'a' : 26)] = true;
            }
        }

        boolean matches(CharSequence text, int from, int to) {
            char a = Character.toLowerCase(text.charAt(from));
            char b = to - from > 1 ? Character.toLowerCase(text.charAt(from + 1)) : 0;
            int x = a - 'a', y = b >= 'a' && b <= 'z' ? b - 'a' : 26;
            // most profile paths (id123, durov) start as no such word: no regex, no string
            if (x < 0 || x > 25 || !firstTwo[x * 27 + y]) return false;
            return pattern.matcher(text.subSequence(from, to).toString().toLowerCase(Locale.ROOT)).matches();
        }
    }

    private static final java.util.Map<String, NotPersons> NOT_PERSONS = notPersons();

    private static java.util.Map<String, NotPersons> notPersons() {
        NotPersons vk = new NotPersons("club|public|event|wall|photo|video|album|topic|app|market|clip|doc|note|page|poll|story|audio|board|product",
                "feed|im|search|away\\.php|groups|friends|music|video|videos|apps|games|settings|login|audios|photos|albums|docs"
                        + "|market|clips|stickers|services|support|dev|blog|legal|about|jobs|press");
        NotPersons ok = new NotPersons("", "group|groups|video|music|game|games|app|apps|dk|search|feed|messages|discussions|guests|marks");
        NotPersons insta = new NotPersons("", "p|reel|reels|tv|explore|stories|accounts|direct|about|legal|developer");
        NotPersons fb = new NotPersons("", "groups|events|pages|watch|photo|photos|story\\.php|permalink\\.php|share|sharer|sharer\\.php"
                + "|hashtag|marketplace|gaming|help|legal|policies|login|reel|videos");
        NotPersons tw = new NotPersons("", "i|search|hashtag|home|intent|explore|settings|login|share|messages|notifications|tos|privacy");
        java.util.Map<String, NotPersons> m = new java.util.HashMap<>();
        for (String h : new String[]{"vk.com", "vk.ru", "vkontakte.ru"}) m.put(h, vk);
        m.put("ok.ru", ok);
        m.put("odnoklassniki.ru", ok);
        m.put("instagram.com", insta);
        m.put("instagr.am", insta);
        m.put("facebook.com", fb);
        m.put("fb.com", fb);
        m.put("twitter.com", tw);
        m.put("x.com", tw);
        m.put("youtube.com", new NotPersons("", "watch|shorts|playlist|embed|results|feed|live|redirect|hashtag|t"));
        m.put("tiktok.com", new NotPersons("", "tag|music|discover|search|explore|live|foryou|following|legal|about"));
        m.put("my.mail.ru", new NotPersons("", "community|video|music|apps"));
        return m;
    }

    /** The path {@code [pathStart,end)} of {@code host} leads to no person ({@link #NOT_PERSONS}). */
    private static boolean notAPerson(String host, CharSequence text, int pathStart, int end) {
        NotPersons p = NOT_PERSONS.get(host);
        return p != null && end > pathStart && p.matches(text, pathStart, end);
    }

    private static boolean regionMatches(CharSequence text, int at, String s) {
        if (at < 0 || at + s.length() > text.length()) return false;
        for (int k = 0; k < s.length(); k++) {
            if (Character.toLowerCase(text.charAt(at + k)) != s.charAt(k)) return false;
        }
        return true;
    }

    private static boolean pathChar(char c) {
        return c < 0x80 && (Character.isLetterOrDigit(c) || "_-./@?=&%#~+".indexOf(c) >= 0);
    }

    private static boolean handleChar(char c) {
        return c < 0x80 && (Character.isLetterOrDigit(c) || c == '_' || c == '.');
    }
}
