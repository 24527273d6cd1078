package dev.hearth.driver.api.model;

/**
 * What a property or event argument means for privacy, and so whether it may leave the home.
 * See DESIGN.md section 4. The privacy filter is an allowlist over these classes.
 */
public enum DataClass {
    /** Device state (power, temperature, brightness): leaves the home. */
    TELEMETRY,
    /** Usage statistics, rssi, firmware: leaves only with the home's UX-programme consent. */
    DIAGNOSTIC,
    /** Identifies a person (user id, SSID, IP, MAC, location, names): dropped, pseudonymised or generalised by policy. */
    PERSONAL,
    /** Tokens, keys, Wi-Fi passwords: never leaves the home and is never logged. */
    SECRET
}
