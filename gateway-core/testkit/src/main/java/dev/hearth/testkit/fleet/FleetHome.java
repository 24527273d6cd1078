package dev.hearth.testkit.fleet;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One gateway of a fleet as the broker knows it: its home, its id (also its MQTT user name) and its
 * broker password. Ids are topic levels, so they are checked: a '+', '#', '/' or '.' (Artemis's
 * address separator) in one would let a rule cover another home's topics.
 */
public record FleetHome(String home, String gateway, String password) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public FleetHome {
        requireId("home", home);
        requireId("gateway", gateway);
        Objects.requireNonNull(password, "password");
        if (password.isEmpty() || password.indexOf('\n') >= 0) throw new IllegalArgumentException("password: non-empty, one line");
    }

    static void requireId(String what, String id) {
        Objects.requireNonNull(id, what);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException(what + " id \"" + id + "\": 1-64 letters, digits, '_' or '-'");
        }
    }

    @Override
    public String toString() {
        return "FleetHome[home=" + home + ", gateway=" + gateway + "]"; // never the password
    }
}
