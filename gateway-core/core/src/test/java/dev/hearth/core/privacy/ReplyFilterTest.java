package dev.hearth.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.ByteString;
import dev.hearth.protocols.cloud.v1.CommandReply;
import dev.hearth.protocols.cloud.v1.ItemResult;
import dev.hearth.protocols.cloud.v1.Value;
import dev.hearth.protocols.cloud.v1.ValueStruct;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ReplyFilterTest {
    private final Pseudonymiser pseudonymiser = new Pseudonymiser(HomeKey.generate(new SecureRandom()));
    private final ReplyFilter filter = new ReplyFilter(pseudonymiser, () -> Set.of("u1", "alice@example.com", "bob"));

    @Test
    void replacesEveryHomeUserButTheRequesterInTheMessageAsWholeWords() {
        CommandReply r = CommandReply.newBuilder().setMessage("user bob has VIEW via a share from u1; u12 and bobby are others.")
                .build();
        String out = filter.filter(r, Optional.of("bob")).message().getMessage();
        assertThat(out).isEqualTo("user bob has VIEW via a share from " + pseudonymiser.pseudonym("u1")
                + "; u12 and bobby are others.");
    }

    @Test
    void withoutAVerifiedRequesterEveryHomeUserIsAPseudonym() {
        CommandReply r = CommandReply.newBuilder().setMessage("by u1.").build();
        assertThat(filter.filter(r, Optional.empty()).message().getMessage()).isEqualTo("by " + pseudonymiser.pseudonym("u1") + ".");
    }

    @Test
    void rewritesJsonDataValuesAndKeysAndItemValues() throws Exception {
        String json = "{\"shares\":[{\"granter\":\"u1\",\"grantee\":\"alice@example.com\"}],\"u1\":{\"note\":\"from u1\"}}";
        CommandReply r = CommandReply.newBuilder().setData(ByteString.copyFromUtf8(json))
                .addItems(ItemResult.newBuilder().setKey("2.1").setValue(Value.newBuilder().setStructValue(
                        ValueStruct.newBuilder().putFields("by", Value.newBuilder().setStringValue("u1").build()))))
                .build();
        CommandReply out = filter.filter(r, Optional.of("alice@example.com")).message();
        JsonNode data = new ObjectMapper().readTree(out.getData().toByteArray());
        String p = pseudonymiser.pseudonym("u1");
        assertThat(data.at("/shares/0/granter").asText()).isEqualTo(p);
        assertThat(data.at("/shares/0/grantee").asText()).isEqualTo("alice@example.com");
        assertThat(data.path(p).path("note").asText()).isEqualTo("from " + p);
        assertThat(out.getData().toString(StandardCharsets.UTF_8)).doesNotContain("\"u1\"");
        assertThat(out.getItems(0).getValue().getStructValue().getFieldsMap().get("by").getStringValue()).isEqualTo(p);
    }

    @Test
    void withholdsDataThatIsNotJson() {
        CommandReply r = CommandReply.newBuilder().setMessage("done").setData(ByteString.copyFrom(new byte[] {(byte) 0xff, 'u', '1'}))
                .build();
        CommandReply out = filter.filter(r, Optional.empty()).message();
        assertThat(out.getData().isEmpty()).isTrue();
        assertThat(out.getMessage()).contains("data withheld");
    }
}
