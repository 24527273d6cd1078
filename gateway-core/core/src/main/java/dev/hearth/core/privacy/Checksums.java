package dev.hearth.core.privacy;

import java.time.DateTimeException;
import java.time.LocalDate;

/** The check digits that tell a real identity or card number from a random run of digits. */
final class Checksums {

    private static final int[] ID_WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final char[] ID_CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};

    private Checksums() {
    }

    /** Luhn over the decimal digits of {@code digits} (digits only). */
    static boolean luhn(CharSequence digits) {
        int sum = 0;
        boolean twice = false;
        for (int i = digits.length() - 1; i >= 0; i--) {
            int d = digits.charAt(i) - '0';
            if (twice) {
                d *= 2;
                if (d > 9) d -= 9;
            }
            sum += d;
            twice = !twice;
        }
        return sum % 10 == 0;
    }

    static boolean allSame(CharSequence digits) {
        for (int i = 1; i < digits.length(); i++) {
            if (digits.charAt(i) != digits.charAt(0)) return false;
        }
        return true;
    }

    /**
     * An 18-character PRC resident identity number: 17 digits, an ISO 7064 MOD 11-2 check
     * character, and a birth date (characters 7-14) that exists and lies in 1900-2099.
     */
    static boolean residentId(CharSequence id) {
        if (id.length() != 18) return false;
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            char c = id.charAt(i);
            if (c < '0' || c > '9') return false;
            sum += (c - '0') * ID_WEIGHTS[i];
        }
        char check = Character.toUpperCase(id.charAt(17));
        if (check != ID_CHECK[sum % 11]) return false;
        int year = number(id, 6, 10);
        if (year < 1900 || year > 2099) return false;
        try {
            LocalDate.of(year, number(id, 10, 12), number(id, 12, 14));
            return true;
        } catch (DateTimeException e) {
            return false;
        }
    }

    /** The check character a resident id with these first 17 digits must end with. */
    static char residentIdCheck(CharSequence first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) sum += (first17.charAt(i) - '0') * ID_WEIGHTS[i];
        return ID_CHECK[sum % 11];
    }

    private static int number(CharSequence s, int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) n = n * 10 + (s.charAt(i) - '0');
        return n;
    }
}
