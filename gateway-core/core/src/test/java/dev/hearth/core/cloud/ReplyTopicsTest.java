package dev.hearth.core.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReplyTopicsTest {
    private final ReplyTopics defaults = ReplyTopics.defaults(CloudTopics.of("home-1", "gw-1"));

    @Test
    void theDefaultAcceptsTopicsUnderTheHomesRepliesSubtreeAndWhatTheCtlClientUses() {
        assertThat(defaults.filter()).isEqualTo("hearth/v1/home-1/replies/#");
        assertThat(defaults.problem("hearth/v1/home-1/replies/hearth-ctl-0a1b2c")).isEmpty();
        assertThat(defaults.problem("hearth/v1/home-1/replies/app/42")).isEmpty();
    }

    @Test
    void refusesBrokerReservedWildcardEmptyOverlongAndMalformedTopics() {
        var any = new ReplyTopics("#");
        assertThat(any.problem("$SYS/x")).hasValueSatisfying(p -> assertThat(p).contains("'$'"));
        assertThat(any.problem("$share/g/x")).isPresent();
        assertThat(any.problem("")).isPresent();
        assertThat(any.problem("a/+/b")).hasValueSatisfying(p -> assertThat(p).contains("wildcard"));
        assertThat(any.problem("a/#")).isPresent();
        assertThat(any.problem("a\u0000b")).hasValueSatisfying(p -> assertThat(p).contains("NUL"));
        assertThat(any.problem("a\nb")).isPresent();
        assertThat(any.problem("a\uD800b")).isPresent();
        assertThat(any.problem("a".repeat(ReplyTopics.MAX_TOPIC_BYTES + 1))).isPresent();
        assertThat(any.problem("é".repeat(ReplyTopics.MAX_TOPIC_BYTES / 2 + 1))).as("counted in UTF-8 bytes").isPresent();
        assertThat(any.problem("replies/ok")).isEmpty();
    }

    @Test
    void refusesTopicsOutsideTheFilter() {
        assertThat(defaults.problem("hearth/v1/home-2/replies/x")).hasValueSatisfying(p -> assertThat(p).contains("outside"));
        assertThat(defaults.problem("hearth-ctl/x/replies")).isPresent();
        assertThat(defaults.problem("hearth/v1/home-1/gw-1/status")).isPresent();
        assertThat(new ReplyTopics("a/+/c").problem("a/b/c")).isEmpty();
        assertThat(new ReplyTopics("a/+/c").problem("a/b/c/d")).isPresent();
    }

    @Test
    void refusesFiltersThatAreNotTopicFilters() {
        assertThatThrownBy(() -> new ReplyTopics("a/#/b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReplyTopics("a/b+")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReplyTopics("$SYS/#")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReplyTopics("")).isInstanceOf(IllegalArgumentException.class);
    }
}
