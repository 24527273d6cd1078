package dev.hearth.core.cloud;

import dev.hearth.protocols.cloud.v1.DeviceState;
import dev.hearth.protocols.cloud.v1.Property;
import dev.hearth.protocols.cloud.v1.Value;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Makes a device's retained state fit the broker's Maximum Packet Size, so that a device whose
 * declared state is larger than the broker takes still has a state in the cloud (issue 21, defect
 * 7) instead of none: the largest text value is cut to half its length (at least
 * {@value #KEPT_CHARS} characters are kept, then "…"), again while it is the largest; a property
 * that cannot be cut further is left out. The keys cut or left out are named in the message
 * ({@code truncated}, {@code omitted}). Each step makes the message smaller, so it ends; a state
 * that does not fit even empty is returned empty and the outbox refuses it ({@code too_large}).
 */
final class RetainedStateFit {
    static final int KEPT_CHARS = 64;
    private static final String CUT = "…";

    /** The state as it will be published, and what was changed to make it fit. */
    record Fitted(DeviceState state, Set<String> truncated, Set<String> omitted) {
        Fitted {
            Objects.requireNonNull(state, "state");
            truncated = Set.copyOf(truncated);
            omitted = Set.copyOf(omitted);
        }

        boolean changed() {
            return !truncated.isEmpty() || !omitted.isEmpty();
        }
    }

    private RetainedStateFit() {
    }

    static Fitted fit(DeviceState state, Predicate<DeviceState> fits) {
        if (fits.test(state)) return new Fitted(state, Set.of(), Set.of());
        List<Property> properties = new ArrayList<>(state.getPropertiesList());
        Set<String> truncated = new LinkedHashSet<>();
        Set<String> omitted = new LinkedHashSet<>();
        DeviceState candidate = state;
        while (!properties.isEmpty()) {
            int largest = 0;
            for (int i = 1; i < properties.size(); i++) {
                if (properties.get(i).getSerializedSize() > properties.get(largest).getSerializedSize()) largest = i;
            }
            Property p = properties.get(largest);
            String text = p.getValue().getKindCase() == Value.KindCase.STRING_VALUE ? p.getValue().getStringValue() : "";
            int length = text.codePointCount(0, text.length());
            if (length > KEPT_CHARS + CUT.length()) {
                int keep = Math.max(KEPT_CHARS, length / 2);
                String cut = text.substring(0, text.offsetByCodePoints(0, keep)) + CUT;
                properties.set(largest, p.toBuilder().setValue(Value.newBuilder().setStringValue(cut)).build());
                truncated.add(p.getKey());
            } else {
                properties.remove(largest);
                omitted.add(p.getKey());
                truncated.remove(p.getKey());
            }
            candidate = state.toBuilder().clearProperties().addAllProperties(properties)
                    .clearTruncated().addAllTruncated(truncated).clearOmitted().addAllOmitted(omitted).build();
            if (fits.test(candidate)) break;
        }
        return new Fitted(candidate, truncated, omitted);
    }
}
