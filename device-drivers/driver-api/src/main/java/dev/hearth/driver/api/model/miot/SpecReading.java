package dev.hearth.driver.api.model.miot;

import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.ValueChoice;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** What reading a MIoT spec instance document gave: a model (perhaps with parts left out), or a refusal. */
public sealed interface SpecReading {

    List<SpecProblem> problems();

    /**
     * The document gave a model. {@code problems} lists every element left out of it (and why);
     * {@code unclassified} the properties left out because no class is known for them;
     * {@code valueLists} the value lists of the model's properties, by {@code "siid.piid"}.
     */
    record Accepted(DeviceModel model, SpecUrn type, List<SpecProblem> problems, List<Unclassified> unclassified,
                    Map<String, List<ValueChoice>> valueLists) implements SpecReading {
        public Accepted {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(type, "type");
            problems = List.copyOf(problems);
            unclassified = List.copyOf(unclassified);
            valueLists = Map.copyOf(valueLists);
        }
    }

    /** The document gave no model; {@code problems} says why (never empty). */
    record Rejected(List<SpecProblem> problems) implements SpecReading {
        public Rejected {
            problems = List.copyOf(problems);
            if (problems.isEmpty()) throw new IllegalArgumentException("a rejection needs a reason");
        }
    }

    /** A property the privacy table has no class for: left out of the model, so its values are unknown fields. */
    record Unclassified(String key, SpecUrn type, String path) {
        public Unclassified {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(path, "path");
        }
    }
}
