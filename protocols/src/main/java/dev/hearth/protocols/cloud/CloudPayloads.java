package dev.hearth.protocols.cloud;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.MessageOrBuilder;
import com.google.protobuf.Parser;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The cloud payloads' conventions (DESIGN.md section 7): the schema version every message
 * carries, the MQTT content type naming the message, deterministic encoding, and a bounded decode.
 */
public final class CloudPayloads {

    /**
     * The {@code schema_version} this gateway writes and accepts, for every message but the
     * command body (see {@link CommandDecoder#SCHEMA_VERSION}).
     */
    public static final int SCHEMA_VERSION = 1;

    public static final String CONTENT_TYPE_PREFIX = "application/x-protobuf; proto=";

    private static final String SCHEMA_VERSION_FIELD = "schema_version";

    private CloudPayloads() {
    }

    /** The MQTT 5 content type of a message, e.g. {@code application/x-protobuf; proto=hearth.cloud.v1.DeviceState}. */
    public static String contentType(Descriptor type) {
        return CONTENT_TYPE_PREFIX + type.getFullName();
    }

    public static String contentType(MessageOrBuilder message) {
        return contentType(message.getDescriptorForType());
    }

    /** The payload for {@code message}, deterministic (map entries sorted), so equal messages give equal bytes. */
    public static byte[] encode(Message message) {
        byte[] out = new byte[message.getSerializedSize()];
        CodedOutputStream coded = CodedOutputStream.newInstance(out);
        coded.useDeterministicSerialization();
        try {
            message.writeTo(coded);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: the array was sized for the message", e);
        }
        coded.checkNoSpaceLeft();
        return out;
    }

    /**
     * Decodes a payload of the type of {@code defaultInstance}: an empty or oversized payload, one
     * that is not that message, or one whose {@code schema_version} (when the type has one) is not
     * {@link #SCHEMA_VERSION} is Malformed. Never throws on bad input.
     */
    public static <T extends Message> CloudDecodeResult<T> decode(T defaultInstance, byte[] payload, int maxBytes) {
        Descriptor type = defaultInstance.getDescriptorForType();
        if (payload == null || payload.length == 0) {
            return malformed("the payload is empty");
        }
        if (payload.length > maxBytes) {
            return malformed("the payload of " + payload.length + " bytes exceeds the limit of " + maxBytes);
        }
        @SuppressWarnings("unchecked") // a generated message's parser parses its own type
        Parser<T> parser = (Parser<T>) defaultInstance.getParserForType();
        T message;
        try {
            message = parser.parseFrom(payload);
        } catch (InvalidProtocolBufferException e) {
            return malformed("the payload is not a valid " + type.getName() + ": " + e.getMessage());
        }
        FieldDescriptor version = type.findFieldByName(SCHEMA_VERSION_FIELD);
        if (version != null) {
            int found = (Integer) message.getField(version);
            if (found != SCHEMA_VERSION) {
                return malformed(unsupportedVersion(found));
            }
        }
        return new CloudDecodeResult.Decoded<>(message);
    }

    static String unsupportedVersion(int found) {
        return unsupportedVersion(found, SCHEMA_VERSION);
    }

    static String unsupportedVersion(int found, int reads) {
        return found == 0
                ? "schema_version is missing (this gateway reads " + reads + ")"
                : "schema_version " + Integer.toUnsignedString(found) + " is not supported (this gateway reads " + reads + ")";
    }

    static <T> CloudDecodeResult<T> malformed(String reason) {
        return new CloudDecodeResult.Malformed<>(reason);
    }

    static <T> CloudDecodeResult<T> malformed(String code, String reason) {
        return new CloudDecodeResult.Malformed<>(code, reason);
    }

    static int requirePositive(int maxBytes) {
        if (maxBytes < 1) {
            throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
        }
        return maxBytes;
    }
}
