package dev.hearth.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.hearth.core.cloud.CloudBridge;
import dev.hearth.core.privacy.CloudPayload;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md section 3, held by the class files: only the privacy package makes what the cloud
 * bridge publishes, the bridge's up methods take nothing else, and nothing outside the cloud
 * package reaches the outbox or the MQTT link (so nothing can enqueue around the filter).
 */
class PrivacyByConstructionTest {
    private static JavaClasses core;

    @BeforeAll
    static void importTheGatewayCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.hearth.core");
    }

    @Test
    void onlyThePrivacyPackageConstructsCloudPayloads() {
        noClasses().that().resideOutsideOfPackage("dev.hearth.core.privacy")
                .should().callConstructorWhere(DescribedPredicate.describe("a constructor of a CloudPayload",
                        call -> call.getTargetOwner().isAssignableTo(CloudPayload.class)))
                .because("a payload made anywhere else would not have passed a privacy rule")
                .check(core);
    }

    @Test
    void theBridgesUpMethodsTakeOnlyCloudPayloads() {
        methods().that().areDeclaredIn(CloudBridge.class).and().arePublic().and().haveNameStartingWith("publish")
                .should(new ArchCondition<JavaMethod>("take only CloudPayload parameters") {
                    @Override
                    public void check(JavaMethod m, ConditionEvents events) {
                        boolean ok = !m.getRawParameterTypes().isEmpty()
                                && m.getRawParameterTypes().stream().allMatch(t -> t.isAssignableTo(CloudPayload.class));
                        events.add(new SimpleConditionEvent(m, ok, m.getFullName() + " takes " + m.getRawParameterTypes()));
                    }
                })
                .check(core);
    }

    @Test
    void nothingOutsideTheCloudPackageTouchesTheOutboxOrTheLink() {
        DescribedPredicate<JavaClass> outboxOrLink = DescribedPredicate.describe(
                "the outbox or the MQTT link (the read-only outbox statistics excepted)",
                c -> (c.getPackageName().equals("dev.hearth.core.cloud.outbox") && !c.getSimpleName().equals("OutboxStats"))
                        || c.getName().startsWith("dev.hearth.core.cloud.mqtt.MqttLink")
                        || c.getName().startsWith("dev.hearth.core.cloud.mqtt.LinkCallback"));
        noClasses().that().resideOutsideOfPackage("dev.hearth.core.cloud..")
                .should().dependOnClassesThat(outboxOrLink)
                .because("only the bridge may enqueue, so only filtered payloads reach MQTT")
                .check(core);
    }

    @Test
    void theBridgeHandsOutNoOutbox() {
        methods().that().areDeclaredIn(CloudBridge.class).and().arePublic()
                .should().notHaveRawReturnType(dev.hearth.core.cloud.outbox.Outbox.class)
                .andShould().notHaveRawReturnType(dev.hearth.core.cloud.mqtt.MqttLink.class)
                .check(core);
    }
}
