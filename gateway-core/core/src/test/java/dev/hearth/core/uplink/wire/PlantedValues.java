package dev.hearth.core.uplink.wire;

import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Personal values to plant, made by the test's own code: its own Luhn and GB 11643 check digits
 * (independent of production code, so a shared mistake cannot hide a leak). Every value is at least
 * six bytes long, so "no 6-byte piece of it on the wire" is a meaningful check.
 */
final class PlantedValues {
    /** What a value is; {@link #detectable} ones are what a detector is expected to find by value. */
    enum Category {
        PHONE(true), EMAIL(true), ID_CARD(true), BANK_CARD(true), IPV4(true), IPV6(true), MAC(true), COORDINATES(true),
        TOKEN(true), EMAIL_USER_ID(true),
        SSID(false), NAME(false), ADDRESS(false), PASSWORD(false), USER_ID(false);

        final boolean detectable;

        Category(boolean detectable) {
            this.detectable = detectable;
        }
    }

    static final List<Category> DETECTABLE = java.util.Arrays.stream(Category.values()).filter(c -> c.detectable).toList();
    static final List<Category> ANY = List.of(Category.values());

    private static final String[] MOBILE_PREFIXES = {"130", "133", "135", "136", "138", "139", "150", "152", "158", "166",
            "177", "180", "186", "188", "191", "199"};
    private static final String[] REGIONS = {"110101", "110108", "310104", "440305", "330106", "510107", "420111", "320102"};
    private static final String[] CARD_PREFIXES = {"622202", "622848", "621700", "4", "51", "55", "6259"};
    private static final String[] DOMAINS = {"qq.com", "163.com", "gmail.com", "outlook.com", "foxmail.com", "web.de"};
    private static final String[] SYLLABLES = {"wang", "li", "zhang", "liu", "chen", "yang", "zhao", "huang", "zhou", "wu",
            "anna", "lukas", "marie", "tom", "sofia", "noah"};
    private static final String[] SURNAMES = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴"};
    private static final String[] GIVEN = {"伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "杰", "涛"};
    private static final String[] STREETS = {"中关村大街", "漕溪北路", "深南大道", "Hauptstraße", "Baker Street", "Rue de Rivoli"};

    private PlantedValues() {
    }

    // --- checksums, written here -------------------------------------------------------------

    /** The Luhn digit that makes {@code payload + digit} valid. */
    static char luhnDigit(String payload) {
        int sum = 0;
        boolean twice = true; // the rightmost payload digit is doubled once the check digit follows it
        for (int i = payload.length() - 1; i >= 0; i--) {
            int d = payload.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
            twice = !twice;
        }
        return (char) ('0' + (10 - sum % 10) % 10);
    }

    static boolean luhnValid(String number) {
        int sum = 0;
        for (int i = 0; i < number.length(); i++) {
            int d = number.charAt(number.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    private static final int[] GB11643_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};

    /** GB 11643-1999: the check character of the 17 digits before it. */
    static char idCheck(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (first17.charAt(i) - '0') * GB11643_WEIGHTS[i];
        return "10X98765432".charAt(sum % 11);
    }

    // --- values ------------------------------------------------------------------------------

    static String digits(Random r, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) b.append((char) ('0' + r.nextInt(10)));
        return b.toString();
    }

    static String hex(Random r, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) b.append("0123456789abcdef".charAt(r.nextInt(16)));
        return b.toString();
    }

    static String mobile(Random r) {
        return MOBILE_PREFIXES[r.nextInt(MOBILE_PREFIXES.length)] + digits(r, 8);
    }

    static String phone(Random r) {
        String m = mobile(r);
        return switch (r.nextInt(6)) {
            case 0 -> m;
            case 1 -> "+86 " + m.substring(0, 3) + " " + m.substring(3, 7) + " " + m.substring(7);
            case 2 -> "+86" + m;
            case 3 -> m.substring(0, 3) + "-" + m.substring(3, 7) + "-" + m.substring(7);
            case 4 -> "+49 1" + (50 + r.nextInt(30)) + " " + digits(r, 7);
            default -> "+1 (" + (201 + r.nextInt(700)) + ") " + (200 + r.nextInt(700)) + "-" + digits(r, 4);
        };
    }

    static String email(Random r) {
        return SYLLABLES[r.nextInt(SYLLABLES.length)] + "." + SYLLABLES[r.nextInt(SYLLABLES.length)] + r.nextInt(1000)
                + "@" + DOMAINS[r.nextInt(DOMAINS.length)];
    }

    static String idCard(Random r) {
        String body = REGIONS[r.nextInt(REGIONS.length)]
                + String.format(Locale.ROOT, "%04d%02d%02d", 1950 + r.nextInt(58), 1 + r.nextInt(12), 1 + r.nextInt(28))
                + digits(r, 3);
        return body + idCheck(body);
    }

    static String bankCard(Random r) {
        String prefix = CARD_PREFIXES[r.nextInt(CARD_PREFIXES.length)];
        int length = prefix.length() == 6 && r.nextBoolean() ? 19 : 16;
        String body = prefix + digits(r, length - 1 - prefix.length());
        return body + luhnDigit(body);
    }

    static String ipv4(Random r) {
        return switch (r.nextInt(3)) {
            case 0 -> "192.168." + r.nextInt(256) + "." + (2 + r.nextInt(252));
            case 1 -> "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (2 + r.nextInt(252));
            default -> (36 + r.nextInt(180)) + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + (2 + r.nextInt(252));
        };
    }

    static String ipv6(Random r) {
        if (r.nextBoolean()) return "fe80::" + hex(r, 4) + ":" + hex(r, 2) + "ff:fe" + hex(r, 2) + ":" + hex(r, 4);
        return "240" + "8e9".charAt(r.nextInt(3)) + ":" + hex(r, 4) + ":" + hex(r, 4) + ":" + hex(r, 4) + "::" + hex(r, 3);
    }

    static String mac(Random r) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            if (i > 0) b.append(':');
            b.append(hex(r, 2));
        }
        String m = b.toString();
        return switch (r.nextInt(3)) {
            case 0 -> m.toUpperCase(Locale.ROOT);
            case 1 -> m.replace(':', '-');
            default -> m;
        };
    }

    /** A coordinate with 6 decimals whose text is what {@link Double#toString} gives back. */
    static double coordinate(Random r, double min, double max) {
        long micro = Math.round((min + r.nextDouble() * (max - min)) * 1_000_000);
        if (micro % 10 == 0) micro += 3; // a 6th decimal, so the number keeps its precision in text
        return micro / 1_000_000.0;
    }

    static String token(Random r) {
        return switch (r.nextInt(3)) {
            case 0, 1 -> hex(r, 32);
            default -> {
                byte[] key = new byte[16 + 16 * r.nextInt(2)];
                r.nextBytes(key);
                yield Base64.getEncoder().encodeToString(key);
            }
        };
    }

    static String ssid(Random r) {
        return switch (r.nextInt(4)) {
            case 0 -> "TP-LINK_" + hex(r, 4).toUpperCase(Locale.ROOT);
            case 1 -> "ChinaNet-" + hex(r, 4);
            case 2 -> SURNAMES[r.nextInt(SURNAMES.length)] + "家的WiFi" + r.nextInt(100_000);
            default -> SYLLABLES[r.nextInt(SYLLABLES.length)] + "-home-" + hex(r, 3) + r.nextInt(1000);
        };
    }

    static String name(Random r) {
        if (r.nextBoolean()) {
            return SURNAMES[r.nextInt(SURNAMES.length)] + GIVEN[r.nextInt(GIVEN.length)] + GIVEN[r.nextInt(GIVEN.length)];
        }
        String a = SYLLABLES[r.nextInt(SYLLABLES.length)];
        String b = SYLLABLES[r.nextInt(SYLLABLES.length)];
        return Character.toUpperCase(a.charAt(0)) + a.substring(1) + " " + Character.toUpperCase(b.charAt(0)) + b.substring(1) + "son";
    }

    static String address(Random r) {
        return STREETS[r.nextInt(STREETS.length)] + " " + (1 + r.nextInt(300)) + "号" + (101 + r.nextInt(2000)) + "室";
    }

    static String password(Random r) {
        return SYLLABLES[r.nextInt(SYLLABLES.length)] + digits(r, 4) + "!#$%".charAt(r.nextInt(4)) + hex(r, 3);
    }

    static String userId(Random r) {
        return "u_" + hex(r, 12);
    }
}
