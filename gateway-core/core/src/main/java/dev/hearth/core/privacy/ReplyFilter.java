package dev.hearth.core.privacy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.ByteString;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.ItemResult;
import dev.hearth.protocols.cloud.v1.ValueList;
import dev.hearth.protocols.cloud.v1.ValueStruct;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Command replies leave the home through the same rule as the registry topic: every user id of
 * the home in a reply (its message, its items, the JSON of its data, keys included) is replaced
 * by its pseudonym, except the id of the user who asked, who knows it already. A reply whose data
 * is not JSON loses the data (it cannot be checked), and says so in its reason.
 */
public final class ReplyFilter {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Pseudonymiser pseudonymiser;
    private final Supplier<Set<String>> homeUsers;

    /**
     * @param homeUsers every user id the home knows of now (owner, share parties): the ids a
     *     reply may name
     */
    public ReplyFilter(Pseudonymiser pseudonymiser, Supplier<Set<String>> homeUsers) {
        this.pseudonymiser = Objects.requireNonNull(pseudonymiser, "pseudonymiser");
        this.homeUsers = Objects.requireNonNull(homeUsers, "homeUsers");
    }

    /** The reply as it may leave, for {@code requester} (empty when nobody could be verified). */
    /** The pseudonym of {@code userId}: the audit log's, for log lines about a command's requester. */
    public String pseudonym(String userId) {
        return pseudonymiser.pseudonym(userId);
    }

    public CloudPayload<CommandReply> filter(CommandReply reply, Optional<String> requester) {
        Set<String> users = homeUsers.get();
        Function<String, Optional<String>> substitute = word ->
                users.contains(word) && !requester.filter(word::equals).isPresent()
                        ? Optional.of(pseudonymiser.pseudonym(word)) : Optional.empty();
        CommandReply.Builder b = reply.toBuilder()
                .setMessage(IdWords.replace(reply.getMessage(), substitute))
                .setReasonCode(IdWords.replace(reply.getReasonCode(), substitute));
        b.clearItems();
        for (ItemResult item : reply.getItemsList()) {
            ItemResult.Builder ib = item.toBuilder().setMessage(IdWords.replace(item.getMessage(), substitute));
            if (item.hasValue()) ib.setValue(rewrite(item.getValue(), substitute));
            b.addItems(ib);
        }
        if (!reply.getData().isEmpty()) {
            Optional<byte[]> data = json(reply.getData(), substitute);
            if (data.isPresent()) {
                b.setData(ByteString.copyFrom(data.get()));
            } else {
                b.clearData().setMessage(b.getMessage() + " (data withheld: not JSON)");
            }
        }
        return new CloudPayload<>(b.build());
    }

    private static dev.hearth.protocols.cloud.v1.Value rewrite(dev.hearth.protocols.cloud.v1.Value v,
                                                               Function<String, Optional<String>> substitute) {
        return switch (v.getKindCase()) {
            case STRING_VALUE -> v.toBuilder().setStringValue(IdWords.replace(v.getStringValue(), substitute)).build();
            case LIST_VALUE -> {
                ValueList.Builder l = ValueList.newBuilder();
                v.getListValue().getItemsList().forEach(i -> l.addItems(rewrite(i, substitute)));
                yield v.toBuilder().setListValue(l).build();
            }
            case STRUCT_VALUE -> {
                ValueStruct.Builder st = ValueStruct.newBuilder();
                v.getStructValue().getFieldsMap().forEach((k, f) -> st.putFields(IdWords.replace(k, substitute), rewrite(f, substitute)));
                yield v.toBuilder().setStructValue(st).build();
            }
            default -> v;
        };
    }

    private static Optional<byte[]> json(ByteString data, Function<String, Optional<String>> substitute) {
        try {
            JsonNode tree = JSON.readTree(data.toString(StandardCharsets.UTF_8));
            if (tree == null) return Optional.empty();
            return Optional.of(JSON.writeValueAsBytes(rewrite(tree, substitute)));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static JsonNode rewrite(JsonNode node, Function<String, Optional<String>> substitute) {
        if (node.isTextual()) return JsonNodeFactory.instance.textNode(IdWords.replace(node.textValue(), substitute));
        if (node.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode(node.size());
            node.forEach(item -> out.add(rewrite(item, substitute)));
            return out;
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> f = fields.next();
                out.set(IdWords.replace(f.getKey(), substitute), rewrite(f.getValue(), substitute));
            }
            return out;
        }
        return node;
    }
}
