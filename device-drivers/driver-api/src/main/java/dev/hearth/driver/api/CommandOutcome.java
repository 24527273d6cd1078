package dev.hearth.driver.api;

import dev.hearth.driver.api.value.Value;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the device answered to a command: one item per property set, or one for the action.
 * {@code code} follows MIoT: 0 is success, negative is the device's error code.
 */
public record CommandOutcome(List<Item> items) {
    public CommandOutcome {
        items = List.copyOf(items);
    }

    public boolean succeeded() {
        return items.stream().allMatch(i -> i.code() == 0);
    }

    public record Item(String key, int code, String message, Optional<Value> value) {
        public Item {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(message, "message");
            Objects.requireNonNull(value, "value");
        }
    }
}
