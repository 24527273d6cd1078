package dev.hearth.app.cli;

import dev.hearth.config.ConfigLoader;
import dev.hearth.config.ConfigResult;
import dev.hearth.config.HearthConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Loads a configuration for a command that touches the data directory from outside the gateway, and
 * refuses to go on as any user but the directory's owner: a file such a command created as root
 * (SQLite's shared-memory file, the lock) would lock the gateway's own user out of its data.
 */
final class DataDirOwner {
    private DataDirOwner() {
    }

    static Optional<HearthConfig> loadAsOwner(Path configFile, Map<String, String> env, PrintWriter err) throws IOException {
        ConfigResult result = new ConfigLoader(env).load(configFile);
        if (result instanceof ConfigResult.Invalid invalid) {
            invalid.problems().forEach(p -> err.println(p.toString()));
            err.flush();
            return Optional.empty();
        }
        HearthConfig config = ((ConfigResult.Valid) result).config();
        Path dataDir = config.gateway().dataDir();
        String me = System.getProperty("user.name");
        if (Files.exists(dataDir)) {
            String owner = Files.getOwner(dataDir).getName();
            if (!owner.equals(me)) {
                err.printf("the data directory %s belongs to %s; run this as that user (sudo -u %s hearth ...), not as %s%n",
                        dataDir, owner, owner, me);
                err.flush();
                return Optional.empty();
            }
        }
        return Optional.of(config);
    }
}
