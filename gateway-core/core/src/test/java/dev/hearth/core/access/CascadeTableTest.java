package dev.hearth.core.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.model.Privilege;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cascade cases of {@code cascade-cases.csv} (hand-written from DESIGN.md section 6), each
 * played step by step in its own home on a real SQLite file through the ShareBook and the policy.
 * A device move also runs {@link ShareBook#endLapsed}, as the gateway's registry listener does.
 */
class CascadeTableTest {
    @TempDir
    Path dir;

    @TestFactory
    List<DynamicTest> everyCascadeCaseEndsAsTheTableSays() throws IOException {
        Map<String, List<String[]>> cases = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                getClass().getResourceAsStream("cascade-cases.csv"), StandardCharsets.UTF_8))) {
            boolean header = true;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.isBlank() || line.startsWith("#")) continue;
                if (header) {
                    header = false;
                    continue;
                }
                String[] cells = line.split(",", -1);
                assertThat(cells).as(line).hasSize(10);
                cases.computeIfAbsent(cells[0], k -> new ArrayList<>()).add(cells);
            }
        }
        assertThat(cases).containsKeys("revoked-granter", "cycle", "left-room", "outlived", "chain-expiry",
                "control", "erased-granter", "depth");
        List<DynamicTest> tests = new ArrayList<>();
        cases.forEach((name, steps) -> tests.add(DynamicTest.dynamicTest(name, () -> play(name, steps))));
        return tests;
    }

    private void play(String name, List<String[]> steps) throws IOException {
        try (HomeFixture home = new HomeFixture(Files.createDirectories(dir.resolve(name)))) {
            Map<String, String> labels = new HashMap<>();
            for (String[] c : steps) {
                String where = String.join(",", c);
                Instant at = HomeFixture.T0.plusSeconds(Long.parseLong(c[1]));
                String actor = c[3];
                String subject = c[4];
                String expect = c[8];
                switch (c[2]) {
                    case "share" -> {
                        Optional<Instant> expires = c[7].isEmpty() ? Optional.empty()
                                : Optional.of(HomeFixture.T0.plusSeconds(Long.parseLong(c[7])));
                        ShareResult r = home.shares.offer(actor, subject, scope(home, c[5]), Privilege.valueOf(c[6]), expires, at);
                        if (expect.equals("ok")) {
                            Share s = HomeFixture.done(r);
                            HomeFixture.done(home.shares.accept(subject, s.id(), at));
                            labels.put(c[9], s.id());
                        } else {
                            assertThat(HomeFixture.refusal(r)).as(where).isEqualTo(ShareResult.Refusal.valueOf(expect));
                        }
                    }
                    case "revoke" -> assertThat(home.shares.revoke(actor, labels.get(subject), at).isDone()).as(where).isTrue();
                    case "move" -> {
                        home.devices.assign(subject, c[5].equals("none") ? Optional.empty()
                                : Optional.of(((RoomScope) scope(home, c[5])).roomId()));
                        home.shares.endLapsed(at);
                    }
                    case "purge" -> home.shares.purgeUser(subject);
                    case "pass" -> home.shares.expire(at);
                    case "decide" -> {
                        Decision d = home.policy.decide(actor, scope(home, c[5]), operation(subject), at);
                        assertThat(d.allowed()).as(where + " -> " + d.reason()).isEqualTo(expect.equals("A"));
                    }
                    case "state" -> assertThat(home.shares.find(labels.get(subject)).orElseThrow().stateAt(at))
                            .as(where).isEqualTo(ShareState.valueOf(expect));
                    case "ends" -> assertThat(home.shares.find(labels.get(subject)).orElseThrow().expiresAt())
                            .as(where).isEqualTo(expect.equals("never") ? Optional.empty()
                                    : Optional.of(HomeFixture.T0.plusSeconds(Long.parseLong(expect))));
                    default -> throw new IllegalArgumentException("unknown step in " + where);
                }
            }
        }
    }

    private static Scope scope(HomeFixture home, String name) {
        return switch (name) {
            case "lamp" -> new DeviceScope(HomeFixture.LAMP);
            case "bedroom" -> new RoomScope(home.bedroom);
            case "kitchen" -> new RoomScope(home.kitchen);
            case "home" -> Scope.HOME;
            default -> throw new IllegalArgumentException("unknown scope " + name);
        };
    }

    private static Operation operation(String name) {
        if (name.equals("INVOKE_ACTION[MANAGE]")) return Operation.invokeAction(Privilege.MANAGE);
        return Operation.of(Operation.Kind.valueOf(name));
    }
}
