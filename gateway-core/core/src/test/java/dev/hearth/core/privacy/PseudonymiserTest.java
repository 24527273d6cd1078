package dev.hearth.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.value.Value;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PseudonymiserTest {

    @Test
    void theSameIdGetsTheSamePseudonymWithinAHomeAndADifferentOneInAnother() {
        Pseudonymiser home1 = new Pseudonymiser(PrivacyFixtures.key(1));
        Pseudonymiser home1Again = new Pseudonymiser(PrivacyFixtures.key(1));
        Pseudonymiser home2 = new Pseudonymiser(PrivacyFixtures.key(2));
        assertThat(home1.pseudonym("user-42")).isEqualTo(home1Again.pseudonym("user-42"))
                .isNotEqualTo(home2.pseudonym("user-42"))
                .isNotEqualTo(home1.pseudonym("user-43"))
                .matches("p_[0-9a-f]{16}");
    }

    @Test
    void aNumericIdAndItsTextGetTheSamePseudonym() {
        Pseudonymiser p = new Pseudonymiser(PrivacyFixtures.key(1));
        assertThat(p.pseudonymise(Value.of(42))).isEqualTo(p.pseudonymise(Value.of("42")))
                .isEqualTo(Value.of(p.pseudonym("42")));
    }

    @Test
    void theHomeKeyNeverShowsItself() {
        HomeKey k = HomeKey.generate(new SecureRandom());
        assertThat(k.toString()).isEqualTo("HomeKey[redacted]");
        assertThat(k.exportBytes()).hasSize(HomeKey.LENGTH);
        assertThat(HomeKey.of(k.exportBytes())).isEqualTo(k);
    }
}
