package dev.hearth.core.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.hearth.core.cloud.CloudBridge;
import dev.hearth.core.cloud.QueuedMessages;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md section 2, held by the class files: core is the gateway as a library. It names no class of
 * the launcher or the tools built on it, no command-line parser, no broker, no logging backend and no
 * simulator (the Maven enforcer rule in core's pom keeps them off its class path too), and its packages
 * depend on each other without cycles.
 */
class CoreIsALibraryTest {
    private static JavaClasses core;

    @BeforeAll
    static void importTheGatewayCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.hearth.core");
    }

    @Test
    void coreDependsOnNeitherTheAppNorTheTools() {
        noClasses().that().resideInAPackage("dev.hearth.core..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.hearth.app..", "dev.hearth.tools..", "dev.hearth.testkit..")
                .because("the app and the tools are built on the core, never the other way round")
                .check(core);
    }

    @Test
    void coreUsesNoCommandLineParserBrokerLoggingBackendOrSimulator() {
        noClasses().that().resideInAPackage("dev.hearth.core..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "picocli..", "io.moquette..", "ch.qos.logback..", "dev.hearth.simulator..")
                .because("core logs through SLF4J only and is embedded by the app, the tools and the benchmarks")
                .check(core);
    }

    /**
     * Every package is a slice. One cycle exists today and is listed here by its dependency, so that
     * any new cycle fails (issue 13 asks for it to go, not to be hidden):
     * {@code cloud -> cloud.command/mqtt/outbox}: {@link CloudBridge} assembles the subpackages (and
     * {@link QueuedMessages} is its view of the outbox), which use the root package's shared types
     * (topics, counters, message kinds, settings). The other two are gone: {@code storage} logs
     * through {@code logging.ratelimit}, which depends on nothing of core's, and the registry's
     * {@code DeviceDirectory} is the registry's own interface, which {@code home} uses.
     */
    @Test
    void coresPackagesHaveNoCyclesButTheOneKnownOne() {
        slices().matching("dev.hearth.core.(**)")
                .should().beFreeOfCycles()
                .ignoreDependency(belongToAnyOf(CloudBridge.class, QueuedMessages.class),
                        resideInAnyPackage("dev.hearth.core.cloud.command", "dev.hearth.core.cloud.mqtt", "dev.hearth.core.cloud.outbox"))
                .check(core);
    }
}
