package dev.hearth.testkit.fleet;

import dev.hearth.testkit.MosquittoBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Mosquitto 2 enforcing the fleet's {@link HomeRules}: no anonymous clients, a password file
 * with every gateway and the cloud user ({@code mosquitto_passwd}), and the generated
 * {@link MosquittoAcl} as its {@code acl_file}.
 */
public final class MosquittoFleet {
    private MosquittoFleet() {
    }

    public static MosquittoBroker start(HomeRules rules) {
        try {
            Path dir = Files.createTempDirectory("hearth-fleet-acl-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path acl = dir.resolve("hearth-fleet.acl");
            Files.writeString(acl, MosquittoAcl.render(rules));
            Path passwd = dir.resolve("passwd");
            List<String[]> users = new ArrayList<>();
            users.add(new String[] {rules.cloudUser(), rules.cloudPassword()});
            for (FleetHome g : rules.homes()) users.add(new String[] {g.gateway(), g.password()});
            // one plain "user:password" file, hashed in place by mosquitto_passwd -U (one process, not one per user)
            var plain = new StringBuilder();
            for (String[] u : users) plain.append(u[0]).append(':').append(u[1]).append('\n');
            Files.writeString(passwd, plain);
            run("mosquitto_passwd", "-U", passwd.toString());
            for (Path f : List.of(acl, passwd)) Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
            return MosquittoBroker.withConfig("allow_anonymous false\npassword_file " + passwd + "\nacl_file " + acl + "\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the fleet's Mosquitto", e);
        }
    }

    private static void run(String... command) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) throw new IOException(String.join(" ", command) + " failed: " + out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
