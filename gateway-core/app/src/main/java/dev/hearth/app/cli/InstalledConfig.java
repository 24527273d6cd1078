package dev.hearth.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --config} option of the commands an installed gateway's operator runs (backup, restore,
 * status): the packaged configuration unless named.
 */
final class InstalledConfig {
    @Option(names = "--config", paramLabel = "FILE", defaultValue = "/etc/hearth/hearth.yaml",
            description = "The gateway's configuration (default: ${DEFAULT-VALUE}).")
    Path file;
}
