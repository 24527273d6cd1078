package dev.hearth.core.cloud;

import java.util.Objects;

/**
 * The topic tree of one gateway (DESIGN.md section 7): {@code <prefix>/<home>/<gateway>/...}.
 * Segments are checked so a device id can never escape its subtree or inject a wildcard.
 */
public record CloudTopics(String prefix, String home, String gateway) {
    public static final String DEFAULT_PREFIX = "hearth/v1";

    public CloudTopics {
        Objects.requireNonNull(prefix, "prefix");
        if (prefix.isEmpty() || prefix.startsWith("/") || prefix.endsWith("/") || hasWildcard(prefix)) {
            throw new IllegalArgumentException("bad topic prefix \"" + prefix + "\": no leading or trailing '/', no '+' or '#'");
        }
        requireSegment("home", home);
        requireSegment("gateway", gateway);
    }

    public static CloudTopics of(String home, String gateway) {
        return new CloudTopics(DEFAULT_PREFIX, home, gateway);
    }

    public String root() {
        return prefix + "/" + home + "/" + gateway;
    }

    /** Everything of this gateway, for a cloud-side subscriber. */
    public String all() {
        return root() + "/#";
    }

    public String status() {
        return root() + "/status";
    }

    public String registry() {
        return root() + "/registry";
    }

    /** Daily usage aggregates, with the home's UX-programme consent only. */
    public String stats() {
        return root() + "/stats";
    }

    public String commands() {
        return root() + "/commands";
    }

    public String state(String device) {
        return device(device) + "/state";
    }

    public String availability(String device) {
        return device(device) + "/availability";
    }

    public String telemetry(String device) {
        return device(device) + "/telemetry";
    }

    /** Every device's retained state, for a cloud-side reader. */
    public String allStates() {
        return root() + "/devices/+/state";
    }

    public String allAvailability() {
        return root() + "/devices/+/availability";
    }

    private String device(String device) {
        requireSegment("device", device);
        return root() + "/devices/" + device;
    }

    /** A topic level taken from outside: non-empty, no '/', no wildcard, no NUL, bounded. */
    public static void requireSegment(String what, String segment) {
        Objects.requireNonNull(segment, what);
        if (segment.isEmpty() || segment.length() > 128 || segment.indexOf('/') >= 0 || hasWildcard(segment)
                || segment.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("bad " + what + " id \"" + segment
                    + "\": 1-128 characters, no '/', '+', '#' or NUL");
        }
    }

    private static boolean hasWildcard(String s) {
        return s.indexOf('+') >= 0 || s.indexOf('#') >= 0;
    }
}
