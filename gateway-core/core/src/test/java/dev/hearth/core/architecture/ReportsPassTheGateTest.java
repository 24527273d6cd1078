package dev.hearth.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.hearth.core.devices.ReportGate;
import dev.hearth.core.devices.SessionTable;
import dev.hearth.core.registry.Registry;
import dev.hearth.driver.api.DeviceEvent;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md section 4.2, held by the class files: a device's state report reaches the registry
 * (and through it the API, SQLite and the uplink's privacy filter) only from the session table,
 * which runs it through {@link ReportGate} first. The registry's door still takes a plain map, so
 * this rule, not the type, is what keeps any other class from storing unchecked values.
 */
class ReportsPassTheGateTest {
    private static JavaClasses core;

    @BeforeAll
    static void importTheGatewayCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.hearth.core");
    }

    @Test
    void onlyTheSessionTableHandsStateReportsToTheRegistry() {
        noClasses().that().doNotHaveFullyQualifiedName(SessionTable.class.getName())
                .should().callMethod(Registry.class, "stateReported", String.class, Map.class, Instant.class)
                .because("a report reaches the registry only after ReportGate checked it against the model")
                .check(core);
    }

    @Test
    void theSessionTableChecksEveryStateReportAtTheGate() {
        classes().that().haveFullyQualifiedName(SessionTable.class.getName())
                .should().callMethod(ReportGate.class, "state", String.class, String.class, Map.class,
                        DeviceEvent.StateReported.class)
                .check(core);
    }
}
