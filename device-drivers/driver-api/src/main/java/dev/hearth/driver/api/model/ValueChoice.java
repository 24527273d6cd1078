package dev.hearth.driver.api.model;

import java.util.Objects;

/** One entry of an integer property's value list: the value and what it means (fan mode 1 is "Natural Wind"). */
public record ValueChoice(long value, String description) {
    public ValueChoice {
        Objects.requireNonNull(description, "description");
    }
}
