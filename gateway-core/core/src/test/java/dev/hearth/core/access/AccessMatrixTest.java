package dev.hearth.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.hearth.driver.api.model.Privilege;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every (privilege held x scope of the grant x operation) against the hand-written table in
 * {@code access-matrix.csv}. Each row's grant goes to its own user, given and accepted through the
 * ShareBook, in one home: so the rows also check that one user's shares never leak to another.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessMatrixTest {
    private HomeFixture home;
    private List<String> header;
    private final List<String[]> rows = new ArrayList<>();

    @BeforeAll
    void setUp(@TempDir Path dir) throws IOException {
        home = new HomeFixture(dir);
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("access-matrix.csv"), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] cells = line.split(",", -1);
                if (header == null) {
                    header = List.of(cells);
                } else {
                    assertThat(cells).hasSize(header.size());
                    rows.add(cells);
                }
            }
        }
    }

    @AfterAll
    void tearDown() {
        home.close();
    }

    @Test
    void theTableCoversEveryPrivilegeAndScopeOnce() {
        List<String> combos = rows.stream().map(r -> r[0] + "/" + r[1]).toList();
        List<String> expected = new ArrayList<>();
        for (String held : List.of("none", "VIEW", "OPERATE", "MANAGE", "OWNER")) {
            for (String scope : List.of("device", "room", "home", "other_room", "other_device")) {
                expected.add(held + "/" + scope);
            }
        }
        assertThat(combos).containsExactlyElementsOf(expected);
        assertThat(header.subList(2, header.size())).hasSize(16);
    }

    @TestFactory
    List<DynamicTest> everyDecisionMatchesTheTable() {
        List<DynamicTest> tests = new ArrayList<>();
        for (String[] row : rows) {
            String held = row[0];
            String scope = row[1];
            if (row[2].equals("-")) {
                tests.add(dynamicTest(held + " on " + scope + " cannot be shared", () -> {
                    ShareResult r = home.shares.offer(HomeFixture.OWNER, "u_owner_" + scope, grantScope(scope),
                            Privilege.OWNER, Optional.empty(), HomeFixture.T0);
                    assertThat(HomeFixture.refusal(r)).isEqualTo(ShareResult.Refusal.OWNER_NOT_SHAREABLE);
                }));
                continue;
            }
            String user = userFor(held, scope);
            for (int c = 2; c < header.size(); c++) {
                String column = header.get(c);
                boolean expectAllow = switch (row[c]) {
                    case "A" -> true;
                    case "D" -> false;
                    default -> throw new IllegalStateException("bad cell " + row[c] + " in " + held + "/" + scope);
                };
                tests.add(dynamicTest(held + " on " + scope + ": " + column + " -> " + row[c], () -> {
                    Decision d = home.policy.decide(user, target(column), operation(column), HomeFixture.T0.plusSeconds(1));
                    assertThat(d.allowed()).as(d.reason()).isEqualTo(expectAllow);
                    assertThat(d.reason()).isNotBlank();
                }));
            }
        }
        return tests;
    }

    /** The user holding the row's grant, created on first use (the owner for OWNER/home). */
    private String userFor(String held, String scope) {
        if (held.equals("OWNER")) return HomeFixture.OWNER;
        String user = "u_" + held + "_" + scope;
        if (!held.equals("none")) home.accepted(user, grantScope(scope), Privilege.valueOf(held));
        return user;
    }

    private Scope grantScope(String scope) {
        return switch (scope) {
            case "device" -> new DeviceScope(HomeFixture.LAMP);
            case "room" -> new RoomScope(home.bedroom);
            case "home" -> Scope.HOME;
            case "other_room" -> new RoomScope(home.kitchen);
            case "other_device" -> new DeviceScope(HomeFixture.OTHER_LAMP);
            default -> throw new IllegalArgumentException(scope);
        };
    }

    private Scope target(String column) {
        String t = column.substring(column.indexOf('@') + 1);
        return switch (t) {
            case "device" -> new DeviceScope(HomeFixture.LAMP);
            case "room" -> new RoomScope(home.bedroom);
            case "home" -> Scope.HOME;
            default -> throw new IllegalArgumentException(column);
        };
    }

    private static Operation operation(String column) {
        String op = column.substring(0, column.indexOf('@'));
        if (op.equals("INVOKE_ACTION[MANAGE]")) return Operation.invokeAction(Privilege.MANAGE);
        return Operation.of(Operation.Kind.valueOf(op));
    }
}
