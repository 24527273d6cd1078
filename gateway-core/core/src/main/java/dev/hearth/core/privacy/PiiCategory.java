package dev.hearth.core.privacy;

/** What kind of personal data {@link PersonalDataDetector} found. */
public enum PiiCategory {
    /** Mainland China mobile (with or without +86/0086), China landline with area code, E.164 numbers. */
    PHONE,
    EMAIL,
    IPV4,
    IPV6,
    /** Colon, dash and Cisco dot forms; bare 12 hex digits only under a MAC-ish key. */
    MAC,
    /** 18-character PRC resident identity number: ISO 7064 MOD 11-2 checksum and a real birth date. */
    CN_RESIDENT_ID,
    /** 13 to 19 digits passing Luhn, not all the same digit. */
    BANK_CARD,
    /** A lat,lng pair in text, or a number under a location-ish key. */
    COORDINATES,
    /** A street address: a Chinese road and house number (学院路37号), a western street line, a US state and ZIP. */
    ADDRESS,
    /**
     * An account id by its shape: 8 to 10 digits after a word that says whose (user, uid, by, 用户)
     * or as a whole value under a neutral key, {@code u_…}/{@code ou_…} ids, WeChat open ids.
     */
    USER_ID,
    /** A value under an SSID/BSSID key. */
    WIFI,
    /**
     * Not personal but worse: a secret-shaped value (32+ hex digits like a miIO token, a long
     * base64 key) or a secret-ish key (token, password, psk...). Never leaves, whatever the policy.
     */
    SECRET,
    /** The key itself names something about a person (name, phone, 地址, shouji...). */
    PERSON_KEY
}
