package dev.hearth.protocols.miio;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MiioRpcCodecTest {
    private final MiioRpcCodec rpc = new MiioRpcCodec();
    private final ObjectMapper json = new ObjectMapper();

    private MiioRpcMessage parse(String s) {
        return rpc.parse(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void encodesRequestsAndRepliesInTheMiioShape() throws Exception {
        var req = new MiioRpcMessage.Request(3, "set_power", json.readTree("[\"on\"]"));
        assertThat(new String(rpc.encode(req), StandardCharsets.UTF_8)).isEqualTo("{\"id\":3,\"method\":\"set_power\",\"params\":[\"on\"]}");
        assertThat(new String(rpc.encode(new MiioRpcMessage.Result(3, json.readTree("[\"ok\"]"))), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":3,\"result\":[\"ok\"]}");
        assertThat(new String(rpc.encode(new MiioRpcMessage.Failure(4, -5001, "bad")), StandardCharsets.UTF_8))
                .isEqualTo("{\"id\":4,\"error\":{\"code\":-5001,\"message\":\"bad\"}}");
    }

    @Test
    void parsesWhatItEncodes() throws Exception {
        var req = new MiioRpcMessage.Request(3, "action", json.readTree("{\"did\":\"1\",\"siid\":2,\"aiid\":1,\"in\":[]}"));
        assertThat(rpc.parse(rpc.encode(req))).isEqualTo(req);
        var ok = new MiioRpcMessage.Result(9999, json.readTree("{\"model\":\"zhimi.fan.sa1\"}"));
        assertThat(rpc.parse(rpc.encode(ok))).isEqualTo(ok);
    }

    @Test
    void requestWithoutParamsGetsAnEmptyArray() {
        var r = (MiioRpcMessage.Request) parse("{\"id\":1,\"method\":\"miIO.info\"}");
        assertThat(r.params().isArray()).isTrue();
        assertThat(r.params().size()).isZero();
    }

    @Test
    void wrongShapesAreMalformedWithAReason() {
        assertThat(parse("not json")).isEqualTo(new MiioRpcMessage.Malformed("bad_json"));
        assertThat(parse("[1,2]")).isEqualTo(new MiioRpcMessage.Malformed("not_an_object"));
        assertThat(parse("{\"method\":\"x\"}")).isEqualTo(new MiioRpcMessage.Malformed("bad_id"));
        assertThat(parse("{\"id\":1.5,\"result\":[]}")).isEqualTo(new MiioRpcMessage.Malformed("bad_id"));
        assertThat(parse("{\"id\":-1,\"result\":[]}")).isEqualTo(new MiioRpcMessage.Malformed("bad_id"));
        assertThat(parse("{\"id\":1,\"method\":5}")).isEqualTo(new MiioRpcMessage.Malformed("bad_method"));
        assertThat(parse("{\"id\":1,\"method\":\"x\",\"params\":3}")).isEqualTo(new MiioRpcMessage.Malformed("bad_params"));
        assertThat(parse("{\"id\":1,\"error\":5}")).isEqualTo(new MiioRpcMessage.Malformed("bad_error"));
        assertThat(parse("{\"id\":1,\"error\":{\"code\":\"x\"}}")).isEqualTo(new MiioRpcMessage.Malformed("bad_error_code"));
        assertThat(parse("{\"id\":1,\"error\":{}}")).isEqualTo(new MiioRpcMessage.Malformed("bad_error_code"));
        assertThat(parse("{\"id\":1}")).isEqualTo(new MiioRpcMessage.Malformed("no_result"));
        assertThat(parse("")).isInstanceOf(MiioRpcMessage.Malformed.class);
    }

    @Test
    void aReplyWithoutAResultKeyHasTheRestOfThePayloadAsItsResult() throws Exception {
        // python-miio's miIO simulator answers miIO.info so: the info object is the payload, beside the id
        var r = (MiioRpcMessage.Result) parse("{\"id\":7,\"model\":\"zhimi.fan.sa1\",\"fw_ver\":\"1.2.3\"}");
        assertThat(r.id()).isEqualTo(7);
        assertThat(r.result()).isEqualTo(json.readTree("{\"model\":\"zhimi.fan.sa1\",\"fw_ver\":\"1.2.3\"}"));
        var withResult = (MiioRpcMessage.Result) parse("{\"id\":8,\"result\":[\"ok\"],\"exe_time\":30}");
        assertThat(withResult.result()).isEqualTo(json.readTree("[\"ok\"]"));
    }

    @Test
    void errorTextsAreReadUnderMessageOrErrorOrAsTheWholeError() {
        assertThat(parse("{\"id\":1,\"error\":{\"code\":-5001,\"message\":\"invalid arg\"}}"))
                .isEqualTo(new MiioRpcMessage.Failure(1, -5001, "invalid arg"));
        assertThat(parse("{\"id\":1,\"error\":{\"code\":-9999,\"error\":\"user ack timeout\"}}"))
                .isEqualTo(new MiioRpcMessage.Failure(1, -9999, "user ack timeout"));
        assertThat(parse("{\"id\":1,\"error\":{\"error\":\"unknown method\"}}"))
                .isEqualTo(new MiioRpcMessage.Failure(1, -1, "unknown method"));
        assertThat(parse("{\"id\":1,\"error\":\"unknown method\"}")).isEqualTo(new MiioRpcMessage.Failure(1, -1, "unknown method"));
        var longText = (MiioRpcMessage.Failure) parse("{\"id\":1,\"error\":\"" + "x".repeat(5000) + "\"}");
        assertThat(longText.message()).hasSize(MiioRpcCodec.MAX_ERROR_TEXT);
    }

    @Test
    void resultToStringHidesTheResult() throws Exception {
        var r = new MiioRpcMessage.Result(1, json.readTree("{\"token\":\"abc\"}"));
        assertThat(r.toString()).doesNotContain("abc");
    }
}
