package dev.hearth.core.privacy;

import dev.hearth.config.PrivacyAction;
import dev.hearth.config.UnknownFieldsMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hearth.driver.api.model.DataClass;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrivacyPolicyTest {

    @Test
    void defaultsKeepTelemetryAndDiagnosticDropPersonalAndSecretAndUnknownFields() {
        PrivacyPolicy p = PrivacyPolicy.defaults();
        assertThat(p.actionFor(DataClass.TELEMETRY)).isEqualTo(PrivacyAction.KEEP);
        assertThat(p.actionFor(DataClass.DIAGNOSTIC)).isEqualTo(PrivacyAction.KEEP);
        assertThat(p.actionFor(DataClass.PERSONAL)).isEqualTo(PrivacyAction.DROP);
        assertThat(p.actionFor(DataClass.SECRET)).isEqualTo(PrivacyAction.DROP);
        assertThat(p.unknownFields()).isEqualTo(UnknownFieldsMode.DROP);
        assertThat(p.overrides()).isEmpty();
    }

    @Test
    void secretCannotBeConfigured() {
        assertThatThrownBy(() -> new PrivacyPolicy(Map.of(DataClass.SECRET, PrivacyAction.DROP), Map.of(), UnknownFieldsMode.DETECT))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("SECRET");
        assertThatThrownBy(() -> PrivacyPolicy.defaults().withAction(DataClass.SECRET, PrivacyAction.PSEUDONYMISE))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void overridesApplyToOneFieldOfOneModel() {
        PrivacyPolicy p = PrivacyPolicy.defaults().withOverride("m1", "4.2", PrivacyAction.GENERALISE);
        assertThat(p.overrideFor("m1", "4.2")).contains(PrivacyAction.GENERALISE);
        assertThat(p.overrideFor("m2", "4.2")).isEmpty();
        assertThat(p.overrideFor("m1", "4.3")).isEmpty();
    }

    @Test
    void aPolicyRebuiltFromItsComponentsIsEqual() {
        PrivacyPolicy p = PrivacyPolicy.defaults().withAction(DataClass.PERSONAL, PrivacyAction.PSEUDONYMISE)
                .withUnknownFields(UnknownFieldsMode.DROP);
        assertThat(new PrivacyPolicy(p.actions(), p.overrides(), p.unknownFields())).isEqualTo(p);
        assertThat(p.actionFor(DataClass.PERSONAL)).isEqualTo(PrivacyAction.PSEUDONYMISE);
    }
}
