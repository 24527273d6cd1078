package dev.hearth.core.online;

import dev.hearth.driver.api.OfflineReason;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A device's published online status.
 *
 * @param deviceId the device
 * @param status   UNKNOWN, ONLINE or OFFLINE
 * @param reason   why it is OFFLINE; empty unless OFFLINE
 * @param detail   human-readable detail of the last change (never a secret)
 * @param since    when the status last changed
 * @param session  increases at every ONLINE, so a late OFFLINE of an older session can be ignored
 * @param damped   true while the device flaps and the status shown is held, not the live one
 */
public record Availability(String deviceId, OnlineStatus status, Optional<OfflineReason> reason, String detail,
                           Instant since, long session, boolean damped) {
    public Availability {
        if (deviceId == null || deviceId.isBlank()) throw new IllegalArgumentException("deviceId must not be blank");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
        Objects.requireNonNull(since, "since");
        if (session < 0) throw new IllegalArgumentException("session must not be negative");
        if (reason.isPresent() != (status == OnlineStatus.OFFLINE)) {
            throw new IllegalArgumentException("a reason goes with OFFLINE, and only with OFFLINE");
        }
    }

    public static Availability unknown(String deviceId, Instant since, long session) {
        return new Availability(deviceId, OnlineStatus.UNKNOWN, Optional.empty(), "not heard from yet", since, session, false);
    }

    public boolean online() {
        return status == OnlineStatus.ONLINE;
    }

    Availability damped(boolean d) {
        return new Availability(deviceId, status, reason, detail, since, session, d);
    }
}
