package dev.hearth.driver.api;

/** Why a device is OFFLINE (DESIGN.md section 5). */
public enum OfflineReason {
    /** The device or the network closed the connection (or it failed with a protocol error). */
    CONNECTION_CLOSED,
    /** The device stopped heartbeating for longer than the configured number of intervals. */
    HEARTBEAT_TIMEOUT,
    /** The device stopped answering requests (miIO probes, command replies). */
    NO_RESPONSE,
    /** The device said goodbye on mDNS (a TTL 0 announcement). */
    MDNS_GOODBYE,
    /**
     * Another device answers at the device's address (a replaced unit, an address handed to another
     * device): the reply carried another device id. The other device waits in the discovery inbox.
     */
    DEVICE_REPLACED,
    /** The gateway is shutting down; the device's state is unknown from here on. */
    GATEWAY_STOPPING
}
