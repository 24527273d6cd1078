package dev.hearth.core.privacy.rights;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import dev.hearth.core.privacy.IdWords;
import dev.hearth.core.cloud.OutboundMessage;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.DeviceState;
import dev.hearth.protocols.cloud.v1.Registry;
import dev.hearth.protocols.cloud.v1.Telemetry;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Whether something names a user: their raw id or their pseudonym, as a whole word of any text in
 * it (words split at anything that is not a letter, a digit or one of {@code - _ . @}, the same
 * rule as the privacy filter's), so "u1" does not match "u12". Outbox messages are decoded by kind
 * (telemetry, retained state, registry, command replies, whose JSON data is read as text);
 * availability and status never name a user.
 */
public final class UserMentions implements Predicate<OutboundMessage> {

    private final Set<String> names;

    /** Mentions of any of {@code names} (a raw id and its pseudonym). */
    public UserMentions(Set<String> names) {
        if (names.isEmpty() || names.stream().anyMatch(String::isBlank)) {
            throw new IllegalArgumentException("names must be non-blank");
        }
        this.names = Set.copyOf(names);
    }

    /** Whether the message's decoded payload names the user; an undecodable payload is treated as naming them. */
    @Override
    public boolean test(OutboundMessage m) {
        Optional<Message> decoded;
        try {
            decoded = switch (m.kind()) {
                case TELEMETRY -> Optional.of(Telemetry.parseFrom(m.payload()));
                case STATE -> Optional.of(DeviceState.parseFrom(m.payload()));
                case REGISTRY -> Optional.of(Registry.parseFrom(m.payload()));
                case REPLY -> Optional.of(CommandReply.parseFrom(m.payload()));
                case AVAILABILITY, STATUS, STATS -> Optional.empty();
            };
        } catch (InvalidProtocolBufferException e) {
            // Nobody can tell whose it is: an erasure errs on the side of the user.
            return true;
        }
        return decoded.isPresent() && inMessage(decoded.get());
    }

    /** Whether any string field (at any depth, map keys included) of a protobuf message names the user. */
    public boolean inMessage(Message message) {
        for (Map.Entry<com.google.protobuf.Descriptors.FieldDescriptor, Object> f : message.getAllFields().entrySet()) {
            if (inField(f.getValue())) return true;
        }
        return false;
    }

    private boolean inField(Object v) {
        if (v instanceof String s) return inText(s);
        if (v instanceof Message m) return inMessage(m);
        if (v instanceof Iterable<?> items) {
            for (Object item : items) if (inField(item)) return true;
        }
        if (v instanceof Long l) return names.contains(Long.toString(l));
        if (v instanceof ByteString b) return inText(b.toStringUtf8());
        return false;
    }

    /** Whether {@code text} is, or contains as a word, one of the names. */
    public boolean inText(String text) {
        return IdWords.contains(text, names::contains);
    }
}
