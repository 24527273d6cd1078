package dev.hearth.core.privacy;

import dev.hearth.config.PrivacyAction;
import dev.hearth.config.UnknownFieldsMode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void writesExactlyWhatWouldLeaveTheHomeAndReportsBadLines() throws Exception {
        PrivacyPolicy policy = PrivacyPolicy.defaults().withUnknownFields(UnknownFieldsMode.DETECT).withOverride(PrivacyFixtures.LAMP, "4.2", PrivacyAction.GENERALISE)
                .withOverride(PrivacyFixtures.LAMP, "4.1", PrivacyAction.PSEUDONYMISE);
        Redactor redactor = new Redactor(PrivacyFixtures.filter(policy, new PrivacyFixtures.MemoryConsent(false)),
                PrivacyFixtures.catalog());
        String in = String.join("\n",
                "{\"device\": \"lamp-1\", \"model\": \"hearth.light.lamp1\", \"ts\": \"2024-05-01T02:15:30Z\", "
                        + "\"props\": {\"2.1\": true, \"3.1\": -60, \"4.2\": \"192.168.1.20\", \"4.1\": \"MyHome\", \"5.1\": \"tok\", "
                        + "\"note\": \"call 13812345678\", \"mode\": \"auto\"}}",
                "not json",
                "",
                "{\"device\": \"x-9\", \"ts\": 1717000000000, \"props\": {\"rssi\": -70, \"cfg\": {\"a\": 1, \"owner\": \"Wang\"}}}",
                "{\"device\": \"x-9\", \"ts\": \"yesterday\", \"props\": {}}",
                "{\"device\": \"lamp-1\", \"model\": \"hearth.light.lamp1\", \"ts\": \"2024-05-01T02:15:30Z\", \"props\": {\"5.1\": \"t\"}}",
                "{\"device\": \"x-9\", \"ts\": 1, \"props\": {\"a\": null}}");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        RedactSummary summary = redactor.run(new StringReader(in), out, err);

        String pseudonym = new Pseudonymiser(PrivacyFixtures.key(1)).pseudonym("MyHome");
        assertThat(out.toString().lines()).containsExactly(
                "{\"device\":\"lamp-1\",\"model\":\"hearth.light.lamp1\",\"ts\":\"2024-05-01T02:15:30Z\",\"props\":"
                        + "{\"2.1\":true,\"4.2\":\"192.168.1.0/24\",\"4.1\":\"" + pseudonym + "\",\"mode\":\"auto\"}}",
                "{\"device\":\"x-9\",\"ts\":1717000000000,\"props\":{\"rssi\":-70,\"cfg\":{\"a\":1}}}");
        assertThat(err.toString().lines()).hasSize(3)
                .anySatisfy(l -> assertThat(l).startsWith("line 2: not JSON"))
                .anySatisfy(l -> assertThat(l).startsWith("line 5: 'ts' is not an ISO-8601 instant"))
                .anySatisfy(l -> assertThat(l).isEqualTo("line 7: props.a: null is not a value"));
        assertThat(summary).isEqualTo(new RedactSummary(6, 2, 1, 3));
    }
}
