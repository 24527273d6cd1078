package dev.hearth.driver.api.model;

import java.util.List;
import java.util.Objects;

/**
 * One action of a service. {@code required} is the privilege needed to run it: OPERATE unless
 * the model raises it (unlocking a door lock needs MANAGE).
 */
public record ActionSpec(int aiid, String name, List<ArgSpec> in, Privilege required) {
    public ActionSpec {
        if (aiid <= 0) throw new IllegalArgumentException("aiid must be positive: " + aiid);
        Objects.requireNonNull(name, "name");
        in = List.copyOf(in);
        Objects.requireNonNull(required, "required");
        if (!required.covers(Privilege.OPERATE)) {
            throw new IllegalArgumentException("action " + name + " cannot require less than OPERATE");
        }
    }
}
