package dev.hearth.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.hearth.core.cloud.command.CommandGate;
import dev.hearth.core.cloud.command.LocalCommands;
import dev.hearth.core.cloud.command.VerifiedCommand;
import dev.hearth.core.devices.SessionTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md section 6, held by the class files: a command is verified by the command gate
 * (signature) or by the local API's authenticator (token, as the owner) and by nothing else, and
 * the local API reaches devices only through that path (authorized, audited), never the session
 * table directly.
 */
class CommandPathTest {
    private static JavaClasses core;

    @BeforeAll
    static void importTheGatewayCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.hearth.core");
    }

    @Test
    void onlyTheGateAndTheLocalAuthenticatorMakeVerifiedCommands() {
        noClasses().that().doNotBelongToAnyOf(CommandGate.class, LocalCommands.class)
                .should().callConstructorWhere(DescribedPredicate.describe("a constructor of VerifiedCommand",
                        call -> call.getTargetOwner().isEquivalentTo(VerifiedCommand.class)))
                .because("everything after verification trusts that the sender was proven")
                .check(core);
    }

    @Test
    void theLocalApiSendsDeviceCommandsOnlyThroughTheCommandPath() {
        noClasses().that().resideInAPackage("dev.hearth.core.api..")
                .should().callMethodWhere(DescribedPredicate.describe("SessionTable.execute",
                        call -> call.getTargetOwner().isEquivalentTo(SessionTable.class) && call.getName().equals("execute")))
                .because("a device command from the local API is authorized and audited like a cloud command")
                .check(core);
    }
}
