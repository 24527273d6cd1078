package dev.hearth.core.cloud.mqtt;

import java.util.Set;

/** The broker ended the connection with a DISCONNECT and this reason code. */
final class BrokerDisconnect extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /**
     * Reason codes that name something we sent (malformed packet, protocol error, not authorized,
     * topic name invalid, packet too large, payload format invalid), not the broker's own state
     * (shutting down, keep-alive timeout, session taken over, busy, moved).
     */
    private static final Set<Integer> CAUSED_BY_A_MESSAGE = Set.of(0x81, 0x82, 0x87, 0x90, 0x95, 0x99);

    private final int reasonCode;

    BrokerDisconnect(int reasonCode, String reason) {
        super("the broker disconnected: reason 0x" + Integer.toHexString(reasonCode) + (reason == null ? "" : " " + reason));
        this.reasonCode = reasonCode;
    }

    int reasonCode() {
        return reasonCode;
    }

    boolean causedByAMessage() {
        return CAUSED_BY_A_MESSAGE.contains(reasonCode);
    }
}
