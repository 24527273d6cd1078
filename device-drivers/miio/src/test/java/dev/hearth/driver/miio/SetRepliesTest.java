package dev.hearth.driver.miio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SetRepliesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> KEYS = List.of("2.1", "2.2");

    private static JsonNode json(String s) throws Exception {
        return JSON.readTree(s);
    }

    @Test
    void readsTheSpecsListOfCodesPerProperty() throws Exception {
        assertThat(SetReplies.codes(KEYS, json("[{\"did\":\"1\",\"siid\":2,\"piid\":2,\"code\":-4004},{\"siid\":2,\"piid\":1,\"code\":0}]")))
                .isEqualTo(Map.of("2.1", 0, "2.2", -4004));
    }

    @Test
    void readsAListOfCodesInTheOrderAsked() throws Exception {
        assertThat(SetReplies.codes(KEYS, json("[{\"code\":0},{\"code\":-1}]"))).isEqualTo(Map.of("2.1", 0, "2.2", -1));
    }

    @Test
    void takesABareAcknowledgementForEveryProperty() throws Exception {
        for (String ack : List.of("0", "\"ok\"", "[\"ok\"]", "[0]", "\"OK\"")) {
            assertThat(SetReplies.codes(KEYS, json(ack))).as(ack).isEqualTo(Map.of("2.1", 0, "2.2", 0));
            assertThat(SetReplies.code(json(ack))).as(ack).isZero();
        }
    }

    @Test
    void anythingElseIsNoAcknowledgement() throws Exception {
        for (String other : List.of("1", "\"error\"", "[]", "{}", "[{\"code\":0}]", "null", "[\"ok\",\"ok\",\"ok\"]")) {
            assertThat(SetReplies.codes(KEYS, json(other))).as(other).isEqualTo(Map.of("2.1", -1, "2.2", -1));
        }
        assertThat(SetReplies.code(json("{\"code\":\"x\"}"))).isEqualTo(-1);
        assertThat(SetReplies.code(json("{\"code\":-2}"))).isEqualTo(-2);
        assertThat(SetReplies.code(json("[{\"code\":0}]"))).isZero();
    }
}
