package dev.hearth.core.feedback;

import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A way to reach the user about their feedback, exactly as they typed it, and only if they did:
 * personal data, so {@link #toString()} never shows it.
 */
public sealed interface Contact {
    Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(\\.[A-Za-z0-9-]{1,63})+");
    Pattern PHONE = Pattern.compile("\\+?[0-9][0-9 -]{5,18}[0-9]");

    /** What the user typed. */
    String value();

    /** An e-mail address or a phone number; empty when {@code typed} is neither. */
    static Optional<Contact> parse(String typed) {
        String t = typed.strip();
        if (t.length() <= 254 && EMAIL.matcher(t).matches()) return Optional.of(new Email(t));
        if (PHONE.matcher(t).matches()) return Optional.of(new Phone(t));
        return Optional.empty();
    }

    record Email(String value) implements Contact {
        public Email {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "Email[redacted]";
        }
    }

    record Phone(String value) implements Contact {
        public Phone {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public String toString() {
            return "Phone[redacted]";
        }
    }
}
