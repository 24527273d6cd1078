package dev.hearth.core.feedback;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * One feedback bundle: an id, when it was made, and the user's {@link FeedbackForm}, nothing the
 * gateway added on its own (no device list, no logs, no configuration). {@link #toJson()} is the
 * whole bundle, what the preview shows as "everything that will leave".
 */
public record FeedbackBundle(String id, Instant createdAt, FeedbackForm form) {
    public FeedbackBundle {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(form, "form");
    }

    public ObjectNode toJson() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("id", id);
        o.put("createdAt", createdAt.toString());
        o.put("description", form.description());
        form.contact().ifPresent(c -> o.putObject("contact")
                .put("kind", c instanceof Contact.Email ? "email" : "phone").put("value", c.value()));
        return o;
    }
}
