package dev.hearth.core.feedback;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * A feedback bundle carries only what the user typed: the description, and the contact only when
 * they gave it and ticked its consent box; any other field (a device dump, logs) is refused.
 */
class FeedbackBundleTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-12-03T18:00:00Z");

    private static FeedbackForm.Parsed parse(String json) throws Exception {
        return FeedbackForm.parse(JSON.readTree(json));
    }

    private static JsonNode bundle(String json) throws Exception {
        FeedbackForm.Parsed p = parse(json);
        assertThat(p).isInstanceOf(FeedbackForm.Parsed.Valid.class);
        return new FeedbackBundle("f_1", AT, ((FeedbackForm.Parsed.Valid) p).form()).toJson();
    }

    private static String refusal(String json) throws Exception {
        FeedbackForm.Parsed p = parse(json);
        assertThat(p).isInstanceOf(FeedbackForm.Parsed.Invalid.class);
        return ((FeedbackForm.Parsed.Invalid) p).reason();
    }

    @Test
    void aBundleWithoutAContactCarriesTheDescriptionAndNothingElse() throws Exception {
        JsonNode b = bundle("{\"description\":\"the lamp does not turn on\"}");
        assertThat(iterable(b)).containsExactly("id", "createdAt", "description");
        assertThat(b.get("description").asText()).isEqualTo("the lamp does not turn on");
    }

    @Test
    void theContactIsCarriedOnlyWhenTypedAndConsentedTo() throws Exception {
        assertThat(refusal("{\"description\":\"x\",\"contact\":\"me@example.org\"}")).contains("contactConsent");
        assertThat(refusal("{\"description\":\"x\",\"contact\":\"me@example.org\",\"contactConsent\":false}")).contains("contactConsent");
        assertThat(refusal("{\"description\":\"x\",\"contact\":\"call me maybe\",\"contactConsent\":true}")).contains("not an e-mail");
        JsonNode b = bundle("{\"description\":\"x\",\"contact\":\"+86 138 0013 8000\",\"contactConsent\":true}");
        assertThat(b.at("/contact/kind").asText()).isEqualTo("phone");
        assertThat(b.at("/contact/value").asText()).isEqualTo("+86 138 0013 8000");
        assertThat(bundle("{\"description\":\"x\",\"contact\":\"\",\"contactConsent\":true}").has("contact")).isFalse();
        assertThat(new Contact.Email("me@example.org").toString()).doesNotContain("example");
    }

    @Test
    void anythingTheUserDidNotTypeIsRefusedNotTrimmed() throws Exception {
        assertThat(refusal("{\"description\":\"x\",\"devices\":[{\"id\":\"lamp-1\",\"token\":\"00112233\"}]}"))
                .contains("unknown field devices");
        assertThat(refusal("{\"description\":\"x\",\"logs\":\"...\"}")).contains("unknown field logs");
        assertThat(refusal("{\"description\":\"   \"}")).contains("description");
        assertThat(refusal("{\"description\":\"" + "a".repeat(FeedbackForm.MAX_DESCRIPTION + 1) + "\"}")).contains("at most");
        assertThat(bundle("{\"description\":\"" + "a".repeat(FeedbackForm.MAX_DESCRIPTION) + "\"}").get("description").asText())
                .hasSize(FeedbackForm.MAX_DESCRIPTION);
    }

    private static Iterable<String> iterable(JsonNode n) {
        return n::fieldNames;
    }
}
