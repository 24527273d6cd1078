package dev.hearth.core.feedback;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What the user filled in on the feedback form, and nothing else (DESIGN.md section 13): the
 * problem (required, at most {@value #MAX_DESCRIPTION} characters) and, only if they typed it and
 * ticked its own consent box, a contact. A form with any other field (a device list, logs, a
 * configuration: attachments this gateway does not offer yet) is refused, not quietly trimmed.
 */
public record FeedbackForm(String description, Optional<Contact> contact) {
    public static final int MAX_DESCRIPTION = 2000;
    private static final Set<String> FIELDS = Set.of("description", "contact", "contactConsent");

    public FeedbackForm {
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(contact, "contact");
    }

    /** A form read from JSON, or why it was refused. */
    public sealed interface Parsed {
        record Valid(FeedbackForm form) implements Parsed { }

        record Invalid(String reason) implements Parsed { }
    }

    public static Parsed parse(JsonNode body) {
        if (body == null || !body.isObject()) return new Parsed.Invalid("expected a JSON object");
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                return new Parsed.Invalid("unknown field " + name + ": feedback carries only the description and, if you give it, a contact");
            }
        }
        JsonNode d = body.get("description");
        if (d == null || !d.isTextual() || d.asText().isBlank()) return new Parsed.Invalid("description: describe the problem");
        String description = d.asText().strip();
        if (description.codePointCount(0, description.length()) > MAX_DESCRIPTION) {
            return new Parsed.Invalid("description: at most " + MAX_DESCRIPTION + " characters");
        }
        JsonNode c = body.get("contact");
        JsonNode consent = body.get("contactConsent");
        if (consent != null && !consent.isBoolean()) return new Parsed.Invalid("contactConsent: expected true or false");
        if (c == null || c.isNull() || (c.isTextual() && c.asText().isBlank())) {
            return new Parsed.Valid(new FeedbackForm(description, Optional.empty()));
        }
        if (!c.isTextual()) return new Parsed.Invalid("contact: expected an e-mail address or a phone number");
        if (consent == null || !consent.asBoolean()) {
            return new Parsed.Invalid("contact: tick contactConsent to let us use it to reach you, or leave it empty");
        }
        Optional<Contact> contact = Contact.parse(c.asText());
        if (contact.isEmpty()) return new Parsed.Invalid("contact: not an e-mail address or a phone number");
        return new Parsed.Valid(new FeedbackForm(description, contact));
    }
}
