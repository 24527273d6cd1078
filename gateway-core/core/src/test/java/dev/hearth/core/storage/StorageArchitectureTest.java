package dev.hearth.core.storage;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.sql.Connection;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Only the storage package and the stores touch JDBC (DESIGN.md section 8), and only the storage
 * package begins or ends a transaction: a store hands its SQL to the storage thread as
 * {@link SqlWork} and never sees the connection outside it. The stores live beside what they
 * store, so they are named here; a new class using {@code java.sql} must be added on purpose.
 */
class StorageArchitectureTest {
    /** The classes (outside dev.hearth.core.storage) whose SqlWork runs statements. */
    private static final Set<String> STORES = Set.of(
            "dev.hearth.core.access.ShareStore",
            "dev.hearth.core.cloud.command.NonceStore",
            "dev.hearth.core.cloud.outbox.OutboxStore",
            "dev.hearth.core.home.HomeBook",
            "dev.hearth.core.home.RoomBook",
            "dev.hearth.core.privacy.ConsentStore",
            "dev.hearth.core.privacy.UnknownFieldRules",
            "dev.hearth.core.privacy.UsageStatsStore",
            "dev.hearth.core.registry.RegistryStore",
            "dev.hearth.core.uplink.TelemetryIds",
            "dev.hearth.core.devices.DriverStateStore", "dev.hearth.core.trust.PolicyLogStore",
            "dev.hearth.core.trust.CounterWindow", "dev.hearth.core.trust.TimeFloor");

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.hearth.core");

    private static final DescribedPredicate<JavaClass> A_STORE = DescribedPredicate.describe("a store",
            c -> STORES.contains(c.getName()) || STORES.contains(c.getName().replaceFirst("\\$.*", "")));

    @Test
    void noClassOutsideStorageAndTheStoresUsesJavaSql() {
        noClasses().that().resideOutsideOfPackage("dev.hearth.core.storage..").and(DescribedPredicate.not(A_STORE))
                .should().dependOnClassesThat().resideInAPackage("java.sql..")
                .because("only the storage thread touches SQLite, through the stores' SqlWork")
                .check(MAIN);
    }

    @Test
    void onlyTheStoragePackageBeginsOrEndsATransaction() {
        noClasses().that().resideOutsideOfPackage("dev.hearth.core.storage..")
                .should().callMethod(Connection.class, "setAutoCommit", boolean.class)
                .orShould().callMethod(Connection.class, "commit")
                .orShould().callMethod(Connection.class, "rollback")
                .orShould().callMethod(Connection.class, "close")
                .because("Database.write runs each store's work in one transaction on the storage thread")
                .check(MAIN);
    }
}
