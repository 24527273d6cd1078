package dev.hearth.core.privacy;

import dev.hearth.driver.api.model.DataClass;
import java.util.Optional;

/** The owner's answer for an undeclared field of a model: the class it was allowed as, if any. */
@FunctionalInterface
public interface AllowedFields {

    /** TELEMETRY or DIAGNOSTIC when the owner allowed {@code field} of {@code model}; empty otherwise. */
    Optional<DataClass> allowed(String model, String field);

    /** Nothing allowed: every undeclared field follows the unknown-field mode. */
    AllowedFields NONE = (model, field) -> Optional.empty();
}
