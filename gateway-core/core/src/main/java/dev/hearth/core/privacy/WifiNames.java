package dev.hearth.core.privacy;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Wi-Fi network names recognised by their value, under any key: routers' default names (a vendor
 * or carrier and a suffix: {@code TP-LINK_5G_A1B2}, {@code ChinaNet-x7Kp}, {@code CMCC-3fa9},
 * {@code FRITZ!Box 7590 QX}) and names people give them ({@code 王家的WiFi}, {@code Sophie's Network},
 * {@code iPhone de Omar}). Only a whole value of at most 32 characters (an SSID's limit) is one;
 * a word inside a sentence is not.
 */
final class WifiNames {

    /** Routers' and carriers' default name stems, as regular expressions (matched ignoring case). */
    private static final List<String> VENDORS = List.of("TP-?LINK", "ChinaNet", "CMCC", "ChinaUnicom", "ChinaMobile",
            "CU", "Xiaomi", "Redmi", "MiWiFi", "MERCURY", "FAST", "HUAWEI", "HONOR", "Tenda", "FRITZ!Box(?: [0-9]{4})?",
            "Vodafone", "NETGEAR", "Linksys", "ASUS", "D-?Link", "H3C", "Ruijie", "iKuai", "TOTOLINK", "Phicomm", "ZTE",
            "Netcore", "360WiFi", "Livebox", "Freebox", "SFR", "Bbox", "BT", "BTHub[0-9]?", "SKY", "Virgin", "Telekom",
            "MagentaWLAN", "o2-WLAN", "UPC", "Ziggo", "KPN", "Swisscom", "Sunrise", "Optus", "Telstra", "Spectrum",
            "xfinitywifi", "ATT", "Verizon", "Fios", "CenturyLink", "Bell", "Rogers", "TELUS", "Jio", "Airtel", "Starlink",
            "AndroidAP", "DIRECT-[A-Za-z0-9]{2}");
    private static final Pattern DEFAULT_NAME = Pattern.compile(
            "(?i)(?:" + String.join("|", VENDORS) + ")"
            // a suffix, the first with a digit in it or a band ("_5G", "-3fa9", " 7590"): "Fast Mode" is no network
            + "[-_ ](?:5G|2\\.4G|Guest|(?=[A-Za-z]*[0-9])[0-9A-Za-z]{2,8})(?:[-_ ][0-9A-Za-z]{2,8}){0,2}");
    /** Each stem's literal beginning, by its first letter (lower case): a default name starts with one of them. */
    private static final Map<Character, List<String>> STEMS = VENDORS.stream()
            .map(WifiNames::literalPrefix)
            .collect(Collectors.groupingBy(v -> Character.toLowerCase(v.charAt(0))));
    private static final Pattern GIVEN_NAME = Pattern.compile(
            "(?i).{1,20}的(?:WiFi|Wi-Fi|WLAN|网络|无线|热点)"
            + "|\\p{L}[\\p{L} .-]{0,20}['’]s (?:WiFi|Wi-Fi|WLAN|Network|Net|Hotspot|iPhone|iPad|Galaxy[ A-Za-z0-9]*|Pixel[ 0-9a-z]*|Phone|House|Home|Place)"
            + "|(?:iPhone|iPad|Galaxy|Pixel)(?: [0-9]{1,2})? (?:de|von|di|van|da|del) \\p{L}[\\p{L} .-]{0,20}");

    private WifiNames() {
    }

    /** What a stem's regular expression starts with literally: "TP-?LINK" gives "TP", "BTHub[0-9]?" gives "BTHub". */
    private static String literalPrefix(String stem) {
        int i = 0;
        while (i < stem.length() && "?[(*+{.\\".indexOf(stem.charAt(i)) < 0) i++;
        if (i < stem.length() && "?*{".indexOf(stem.charAt(i)) >= 0) i--;   // the character before is optional
        return stem.substring(0, i);
    }

    /** Whether {@code s} starts with a stem's literal beginning, which {@link #DEFAULT_NAME} needs. */
    private static boolean startsWithAStem(String s) {
        List<String> stems = STEMS.get(Character.toLowerCase(s.charAt(0)));
        if (stems == null) return false;
        for (String stem : stems) if (s.regionMatches(true, 0, stem, 0, stem.length())) return true;
        return false;
    }

    /** The first suffix has a digit or is a band or "Guest": without, no default name matches. */
    private static boolean hasDigitOrBand(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) >= '0' && s.charAt(i) <= '9') return true;
        return s.contains("uest") || s.contains("UEST");
    }

    static boolean isWifiName(String value) {
        String s = value.strip();
        if (s.length() < 4 || s.length() > 32) return false;
        // the patterns are costly for what they find: only a value with their marks meets them
        char first = s.charAt(0);
        boolean separated = s.indexOf('-') > 0 || s.indexOf('_') > 0 || s.indexOf(' ') > 0;
        if (separated && ((first >= 'A' && first <= 'Z') || (first >= 'a' && first <= 'z')) && hasDigitOrBand(s)
                && startsWithAStem(s) && DEFAULT_NAME.matcher(s).matches()) return true;
        return (s.indexOf('的') > 0 || s.indexOf("s ") > 0 || s.indexOf(" d") > 0 || s.indexOf(" v") > 0)
                && GIVEN_NAME.matcher(s).matches();
    }
}
