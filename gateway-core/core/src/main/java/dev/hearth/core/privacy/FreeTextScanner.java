package dev.hearth.core.privacy;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds personal data inside free text. Each pattern runs only when a one-pass census of the text
 * says it could match (enough digits, an '@', colons...), so ordinary short values cost a loop.
 * Patterns find candidates; checksums and parsers confirm them.
 */
final class FreeTextScanner {

    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
    /**
     * A mainland mobile, 1[3-9] and 9 more digits, grouped 3-4-4 or not, after +86, 0086, 86 (a
     * number in a URL, "%2B86…", or an integer 8613812345678) or a trunk 0, or none.
     */
    private static final Pattern PHONE_CN = Pattern.compile(
            "(?<![0-9])(?:\\(?(?:\\+|00)?86\\)?[ .-]?|0)?1[3-9][0-9](?:(?:[ -]?[0-9]{4}){2}|\\.[0-9]{4}\\.[0-9]{4})(?![0-9])");
    private static final Pattern PHONE_CN_LANDLINE = Pattern.compile("(?<![0-9])0[1-9][0-9]{1,2}-[2-9][0-9]{6,7}(?![0-9])");
    /**
     * National formats without a country code: CN landlines "(021) 6234 5678", "021 6234 5678";
     * US "(415) 555-0134", "415-555-0134"; UK "020 7946 0958"; DE "030 12345678"; JP "03-1234-5678";
     * FR "01 23 45 67 89".
     */
    private static final Pattern PHONE_NATIONAL = Pattern.compile(
            "(?<![0-9])(?:\\(0[1-9][0-9]{1,2}\\) ?[0-9]{4} ?[0-9]{4}"
            + "|0[1-9][0-9]{1,2} [2-9][0-9]{3} [0-9]{4}"
            + "|\\([2-9][0-9]{2}\\) ?[2-9][0-9]{2}-[0-9]{4}|[2-9][0-9]{2}-[2-9][0-9]{2}-[0-9]{4}"
            + "|0[1-9][0-9]{1,3} [0-9]{3,4} [0-9]{4}|0[1-9][0-9]{1,3} [0-9]{6,8}"
            + "|0[1-9][0-9]?-[0-9]{4}-[0-9]{4}|0[1-9](?: [0-9]{2}){4})(?![0-9])"
            // US "415.555.0134" / "415 555 0134", FR "01.23.45.67.89", DE "030/12345678": not next to a dot
            + "|(?<![0-9.])(?:[2-9][0-9]{2}([ .])[2-9][0-9]{2}\\1[0-9]{4}|0[1-9](?:\\.[0-9]{2}){4}|0[1-9][0-9]{1,4}/[0-9]{5,9})(?![0-9.])");
    /**
     * International numbers dialled with 00 ("0044 20 7946 0958", "001-415-555-0134"): a separator after
     * the country code, and no trunk 0 after it (which tells them from zero-padded groups, "0016 0041 0016").
     */
    private static final Pattern PHONE_00 = Pattern.compile(
            "(?<![0-9A-Za-z])00[1-9][0-9]{0,2}[ -][1-9](?:[ ().-]{0,2}[0-9]){5,12}(?![0-9A-Za-z])");
    /** A tel: or sms: link: whatever number follows is a phone. */
    private static final Pattern PHONE_LINK = Pattern.compile("(?i)(?:tel|sms|callto):(?:%2B|\\+)?[0-9][0-9 ().%-]{5,}[0-9]");
    private static final Pattern PHONE_E164 = Pattern.compile("(?<![0-9A-Za-z+])\\+[1-9](?:[ ().-]{0,2}[0-9]){7,14}(?![0-9])");
    private static final Pattern IPV4 = Pattern.compile(
            "(?<![0-9.])(?:[0-9]{1,3}\\.){3}[0-9]{1,3}(?!\\.?[0-9])");
    private static final Pattern IPV6 = Pattern.compile(
            "(?<![0-9A-Za-z:.])(?:[0-9A-Fa-f]{0,4}:){2,7}(?:(?:[0-9]{1,3}\\.){3}[0-9]{1,3}|[0-9A-Fa-f]{1,4})?(?![0-9A-Za-z:])");
    private static final Pattern MAC_SEPARATED = Pattern.compile(
            "(?<![0-9A-Za-z:-])[0-9A-Fa-f]{2}([:-])[0-9A-Fa-f]{2}(?:\\1[0-9A-Fa-f]{2}){4}(?![0-9A-Za-z:-])");
    private static final Pattern MAC_CISCO = Pattern.compile(
            "(?<![0-9A-Za-z.])[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}\\.[0-9A-Fa-f]{4}(?![0-9A-Za-z.])");
    private static final Pattern RESIDENT_ID = Pattern.compile(
            "(?<![0-9A-Za-z])[1-9][0-9]{5}(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx](?![0-9A-Za-z])");
    private static final Pattern DIGIT_RUN = Pattern.compile("(?<![0-9])[0-9]+(?:[ -][0-9]+)*(?![0-9])");
    /** Six or seven full groups without "::": not a valid address, but an address with a group lost. */
    private static final Pattern IPV6_GROUPS = Pattern.compile(
            "(?<![0-9A-Za-z:.])[0-9A-Fa-f]{1,4}(?::[0-9A-Fa-f]{1,4}){5,6}(?![0-9A-Za-z:])");
    /** 北京市海淀区学院路37号, 中关村大街615号: a road, street or lane marker followed by a house number. */
    private static final Pattern ADDRESS_CN = Pattern.compile(
            "[\\u4e00-\\u9fff]{1,12}(?:路|街|道|巷|弄|胡同|里)[0-9０-９]{1,5}(?:号|號|弄)"
            + "|[\\u4e00-\\u9fff]{1,8}(?:省|市)[\\u4e00-\\u9fff]{1,8}(?:区|县|區|縣)[\\u4e00-\\u9fff0-9]{2,}");
    /** A cheap first look for {@link #ADDRESS_WESTERN} (a regex of these words alone costs more than indexOf). */
    private static final String[] STREET_WORDS = {"Street", "St.", "Road", "Rd.", "Avenue", "Ave.", "Boulevard", "Blvd",
            "Lane", "Drive", "Court", "Place", "Terrace", "Square", "Via", "Rue", "Calle", "Avenida", "Rua", "Piazza", "Corso",
            "straße", "strasse", "weg", "gasse", "platz", "allee"};
    /** 147 Elm Street, Elm Street 167, Nathan Road 174, 187 Via Roma, 43 Hauptstraße, ..., IL 62701. */
    private static final Pattern ADDRESS_WESTERN = Pattern.compile(
            "(?<![0-9A-Za-z])[0-9]{1,5}[A-Za-z]?,?\\s+(?:\\p{Lu}[\\p{L}'.-]*\\s+){1,3}"
            + "(?:Street|St\\.|Road|Rd\\.|Avenue|Ave\\.|Boulevard|Blvd|Lane|Drive|Court|Place|Terrace|Square)(?![\\p{L}])"
            + "|(?<![\\p{L}])(?:\\p{Lu}[\\p{L}'.-]*\\s+){1,3}(?:Street|Road|Avenue|Boulevard|Lane|Drive)\\s+[0-9]{1,5}(?![0-9])"
            + "|(?<![0-9A-Za-z])[0-9]{1,5},?\\s+(?:Via|Viale|Rue|Calle|Avenida|Rua|Piazza|Corso)\\s+\\p{Lu}"
            + "|(?<![\\p{L}])(?:Via|Viale|Rue|Calle|Avenida|Rua|Piazza|Corso)\\s+(?:\\p{Lu}[\\p{L}'-]*\\s+){1,3}[0-9]{1,5}(?![0-9])"
            + "|(?<![0-9A-Za-z])[0-9]{1,5}\\s+\\p{Lu}\\p{Ll}+(?:straße|strasse|weg|gasse|platz|allee)(?![\\p{L}])"
            + "|\\p{Lu}\\p{Ll}+(?:straße|strasse|weg|gasse|platz|allee)\\s+[0-9]{1,4}(?![0-9])"
            + "|,\\s*[A-Z]{2}\\s+[0-9]{5}(?:-[0-9]{4})?(?![0-9])");
    private static final Pattern COORDINATE_PAIR = Pattern.compile(
            "(?<![0-9.])(-?[0-9]{1,3}\\.[0-9]{3,})\\s*,\\s*(-?[0-9]{1,3}\\.[0-9]{3,})(?![0-9])");
    /** "116.203428 24.390718" (WKT, GPX): without a comma, only with a position's precision. */
    private static final Pattern COORDINATE_PAIR_SPACED = Pattern.compile(
            "(?<![0-9.])(-?[0-9]{1,3}\\.[0-9]{4,})\\s+(-?[0-9]{1,3}\\.[0-9]{4,})(?![0-9.])");

    /**
     * Adds what {@code text} contains to {@code out}; with {@code firstOnly}, stops at the first.
     * With {@code versionKey} (the text is a firmware version), dotted quads are not addresses.
     */
    void scan(String text, boolean versionKey, List<TextMatch> out, boolean firstOnly) {
        scan(text, versionKey, out, firstOnly, true);
    }

    /**
     * As {@link #scan(String, boolean, List, boolean)}; without {@code labels}, a value that a label
     * says is personal ("user=bob") is not found by its label alone (for log lines, where such
     * labels name the gateway's own local users and peers).
     */
    void scan(String text, boolean versionKey, List<TextMatch> out, boolean firstOnly, boolean labels) {
        // full-width digits (１３８…) in Chinese text: scanned as ASCII, same length so positions hold
        text = asciiDigits(text);
        int digits = 0, dots = 0, colons = 0, dashes = 0, at = 0, commas = 0, han = 0, upper = 0, spaces = 0;
        boolean numberBySpace = false;   // "147 Elm", "Road 174": every western address has one
        int word = 0, longestWord = 0;   // the longest run of key or id characters: keys and ids are long words
        int run = 0, longestDigits = 0;  // the longest run of digits: an account number has 7 or more in a row
        // the most digits in a stretch of digits and " +()./-": every phone pattern matches inside one, with 8 or more
        int dialled = 0, phoneDigits = 0;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            boolean wordChar = (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
                    || c == '+' || c == '/' || c == '=' || c == '_' || c == '-';
            word = wordChar ? word + 1 : 0;
            longestWord = Math.max(longestWord, word);
            boolean digit = c >= '0' && c <= '9';
            run = digit ? run + 1 : 0;
            longestDigits = Math.max(longestDigits, run);
            if (digit) dialled++;
            else if (c != ' ' && c != '+' && c != '(' && c != ')' && c != '.' && c != '-' && c != '/') dialled = 0;
            phoneDigits = Math.max(phoneDigits, dialled);
            if (digit) {
                digits++;
                numberBySpace |= (i > 0 && text.charAt(i - 1) == ' ') || (i + 1 < n && text.charAt(i + 1) == ' ');
            }
            else if (c == ' ' || (c >= '\t' && c <= '\r')) spaces++;
            else if (c == '.') dots++;
            else if (c == ':') colons++;
            else if (c == '-') dashes++;
            else if (c == '@') at++;
            else if (c == ',') commas++;
            else if (c >= 'A' && c <= 'Z') upper++;
            else if (c >= '\u4e00' && c <= '\u9fff') han++;
        }
        if (longestWord >= 22 && SecretShapes.find(text, versionKey, out, firstOnly)) return;
        // hex digits in groups ("0000 006C 0022", "02010000000001e1…"): an IR code or a binary dump, whose
        // digit runs are no phone, card or account; keys, MACs and IPv6 addresses are looked for all the same
        boolean hexDump = isHexDump(text);
        if (at > 0 && find(EMAIL, PiiCategory.EMAIL, text, out, firstOnly)) return;
        if (phoneDigits >= 8 && !hexDump) {
            if (find(PHONE_CN, PiiCategory.PHONE, text, out, firstOnly)) return;
            if (text.indexOf('+') >= 0 && find(PHONE_E164, PiiCategory.PHONE, text, out, firstOnly)) return;
            if (dashes > 0 && find(PHONE_CN_LANDLINE, PiiCategory.PHONE, text, out, firstOnly)) return;
            if (find(PHONE_NATIONAL, PiiCategory.PHONE, text, out, firstOnly)) return;
            if (text.contains("00") && find(PHONE_00, PiiCategory.PHONE, text, out, firstOnly)) return;
        }
        if (digits >= 6 && colons > 0 && hasDialLink(text) && find(PHONE_LINK, PiiCategory.PHONE, text, out, firstOnly)) return;
        if (digits >= 17 && !hexDump && residentIds(text, out, firstOnly)) return;
        if (digits >= 13 && !hexDump && cards(text, out, firstOnly)) return;
        // in a version (versionKey) a dotted quad is never an address: no need to look
        if (dots >= 3 && digits >= 4 && !versionKey && ipv4(text, out, firstOnly)) return;
        if (colons >= 2 && hexBetweenColons(text) && ipv6(text, out, firstOnly)) return;
        // a MAC (six groups of two) before an IPv6 address with a group lost, which it also looks like
        if ((colons >= 5 || dashes >= 5) && find(MAC_SEPARATED, PiiCategory.MAC, text, out, firstOnly)) return;
        if (colons >= 5 && find(IPV6_GROUPS, PiiCategory.IPV6, text, out, firstOnly)) return;
        if (dots >= 2 && text.length() >= 14 && find(MAC_CISCO, PiiCategory.MAC, text, out, firstOnly)) return;
        if (dots >= 2 && digits >= 8) {
            if (commas > 0 && coordinates(COORDINATE_PAIR, text, out, firstOnly)) return;
            if (spaces > 0 && coordinates(COORDINATE_PAIR_SPACED, text, out, firstOnly)) return;
        }
        if (digits > 0 && han > 0 && find(ADDRESS_CN, PiiCategory.ADDRESS, text, out, firstOnly)) return;
        if (numberBySpace && upper > 0 && (hasStreetWord(text) || commas > 0)
                && find(ADDRESS_WESTERN, PiiCategory.ADDRESS, text, out, firstOnly)) return;
        if (longestWord >= 7 && !hexDump && AccountIds.find(text, longestDigits, longestWord, out, firstOnly)) return;
        if (labels && LabelledValues.mayHaveALabel(text) && LabelledValues.find(text, out, firstOnly)) return;
    }

    /** A ':' right after "tel", "sms" or "callto", as {@link #PHONE_LINK} needs. */
    private static boolean hasDialLink(String text) {
        for (int i = text.indexOf(':'); i >= 0; i = text.indexOf(':', i + 1)) {
            if (text.regionMatches(true, i - 3, "tel", 0, 3) || text.regionMatches(true, i - 3, "sms", 0, 3)
                    || text.regionMatches(true, i - 6, "callto", 0, 6)) return true;
        }
        return false;
    }

    /** Two colons with at most four hex digits between them, as every match of {@link #IPV6} has. */
    private static boolean hexBetweenColons(String text) {
        int hex = -1;   // hex digits since the last colon; -1 before the first colon
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == ':') {
                if (hex >= 0 && hex <= 4) return true;
                hex = 0;
            } else if (hex >= 0) {
                hex = Character.digit(c, 16) >= 0 && c < 128 ? hex + 1 : -1;
            }
        }
        return false;
    }

    private static boolean isHexDump(String text) {
        boolean letter = false;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')) letter = true;
            else if ((c < '0' || c > '9') && c != ' ' && c != ':' && c != '-' && c != ',') return false;
        }
        return letter;
    }

    private static String asciiDigits(String text) {
        char[] chars = null;
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c >= '\uff10' && c <= '\uff19') {
                if (chars == null) chars = text.toCharArray();
                chars[i] = (char) ('0' + (c - '\uff10'));
            }
        }
        return chars == null ? text : new String(chars);
    }

    private static boolean hasStreetWord(String text) {
        for (String w : STREET_WORDS) if (text.contains(w)) return true;
        return false;
    }

    private static boolean find(Pattern p, PiiCategory category, String text, List<TextMatch> out, boolean firstOnly) {
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(new TextMatch(category, m.start(), m.end()));
            if (firstOnly) return true;
        }
        return false;
    }

    private static boolean residentIds(String text, List<TextMatch> out, boolean firstOnly) {
        Matcher m = RESIDENT_ID.matcher(text);
        while (m.find()) {
            if (!Checksums.residentId(m.group())) continue;
            out.add(new TextMatch(PiiCategory.CN_RESIDENT_ID, m.start(), m.end()));
            if (firstOnly) return true;
        }
        return false;
    }

    /** Digit groups (space or dash separated); any contiguous run of groups with 13-19 digits passing Luhn. */
    private static boolean cards(String text, List<TextMatch> out, boolean firstOnly) {
        Matcher m = DIGIT_RUN.matcher(text);
        while (m.find()) {
            int start = m.start();
            int end = m.end();
            if (end - start < 13) continue;
            int[] bounds = groupBounds(text, start, end);
            int groups = bounds.length / 2;
            search:
            for (int g = 0; g < groups; g++) {
                StringBuilder digits = new StringBuilder(19);
                for (int h = g; h < groups; h++) {
                    digits.append(text, bounds[2 * h], bounds[2 * h + 1]);
                    if (digits.length() > 19) break;
                    if (digits.length() >= 13 && isCard(digits)) {
                        out.add(new TextMatch(PiiCategory.BANK_CARD, bounds[2 * g], bounds[2 * h + 1]));
                        if (firstOnly) return true;
                        break search;
                    }
                }
            }
        }
        return false;
    }

    /** Card numbers start 2-9: numbers starting 0 or 1 are epoch timestamps and counters far more often. */
    private static boolean isCard(CharSequence digits) {
        char first = digits.charAt(0);
        return first >= '2' && Checksums.luhn(digits) && !Checksums.allSame(digits);
    }

    private static int[] groupBounds(String text, int start, int end) {
        int count = 1;
        for (int i = start; i < end; i++) if (text.charAt(i) == ' ' || text.charAt(i) == '-') count++;
        int[] b = new int[count * 2];
        int g = 0;
        b[0] = start;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '-') {
                b[2 * g + 1] = i;
                g++;
                b[2 * g] = i + 1;
            }
        }
        b[2 * g + 1] = end;
        return b;
    }

    private static boolean ipv4(String text, List<TextMatch> out, boolean firstOnly) {
        Matcher m = IPV4.matcher(text);
        while (m.find()) {
            Optional<int[]> address = IpAddresses.parseIpv4(m.group());
            // a netmask or broadcast (255.255.255.0) and the unspecified 0.0.0.0 are nobody's address
            if (address.isEmpty() || address.get()[0] == 255 || m.group().equals("0.0.0.0")) continue;
            if (versionBefore(text, m.start())) continue;
            out.add(new TextMatch(PiiCategory.IPV4, m.start(), m.end()));
            if (firstOnly) return true;
        }
        return false;
    }

    /** "v1.4.2.8", "firmware 1.4.2.8", "fw_ver=1.4.2.8": a version, not an address. */
    private static boolean versionBefore(String text, int start) {
        if (start > 0 && (text.charAt(start - 1) == 'v' || text.charAt(start - 1) == 'V')
                && (start == 1 || !Character.isLetter(text.charAt(start - 2)))) {
            return true;
        }
        int i = start;
        while (i > 0 && " :=\"'/".indexOf(text.charAt(i - 1)) >= 0) i--;
        int wordEnd = i;
        while (i > 0 && (Character.isLetterOrDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '_'
                || text.charAt(i - 1) == '-')) i--;
        return wordEnd > i && KeyVocabulary.is(text.substring(i, wordEnd), KeyVocabulary.VERSION);
    }

    private static boolean ipv6(String text, List<TextMatch> out, boolean firstOnly) {
        Matcher m = IPV6.matcher(text);
        while (m.find()) {
            String candidate = m.group();
            if (!hasHexDigit(candidate)) continue;
            Optional<int[]> parsed = IpAddresses.parseIpv6(candidate);
            if (parsed.isEmpty()) continue;
            out.add(new TextMatch(PiiCategory.IPV6, m.start(), m.end()));
            if (firstOnly) return true;
        }
        return false;
    }

    private static boolean hasHexDigit(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.digit(s.charAt(i), 16) >= 0) return true;
        return false;
    }

    private static boolean coordinates(Pattern pair, String text, List<TextMatch> out, boolean firstOnly) {
        Matcher m = pair.matcher(text);
        while (m.find()) {
            double a = Math.abs(Double.parseDouble(m.group(1)));
            double b = Math.abs(Double.parseDouble(m.group(2)));
            // lat,lng or lng,lat (both orders are common: AMap and GeoJSON put longitude first)
            if (a <= 180 && b <= 180 && (a <= 90 || b <= 90)) {
                out.add(new TextMatch(PiiCategory.COORDINATES, m.start(), m.end()));
                if (firstOnly) return true;
            }
        }
        return false;
    }
}
