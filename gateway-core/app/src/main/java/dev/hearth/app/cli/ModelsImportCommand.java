package dev.hearth.app.cli;

import dev.hearth.core.models.GatewayModels;
import dev.hearth.driver.api.model.miot.SpecCatalog;
import dev.hearth.driver.api.model.miot.SpecReading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code hearth models import FILE --model MODEL --config CONFIG}: checks a spec document and, when
 * it gives a model, stores it under the data directory, where it comes before the cache and the
 * bundled documents from the gateway's next start on.
 */
@Command(name = "import",
        mixinStandardHelpOptions = true,
        versionProvider = HearthVersion.class,
        description = "Store a MIoT spec document as the model of MODEL (used from the next start).",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:imported", "2:the document was refused (problems on stderr), or bad arguments"})
public final class ModelsImportCommand implements Callable<Integer> {

    @ParentCommand
    private ModelsCommand parent;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The spec instance document (JSON).")
    private Path file;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "The device model it describes, e.g. dmaker.fan.p9.")
    private String model;

    @Option(names = "--config", required = true, paramLabel = "CONFIG", description = "The gateway's configuration file (for its data directory).")
    private Path config;

    @Override
    public Integer call() throws IOException {
        if (!SpecCatalog.validModelName(model)) {
            spec.commandLine().getErr().println("'" + model + "' is not a model name (lower-case letters, digits, . _ -)");
            return ModelsCheckCommand.EXIT_INVALID;
        }
        var loaded = ConfigFiles.load(config, parent.root().environment(), spec.commandLine().getErr());
        if (loaded.isEmpty()) return ModelsCheckCommand.EXIT_INVALID;
        SpecReading r = ModelsCheckCommand.read(file, model, spec);
        r.problems().forEach(p -> spec.commandLine().getErr().println(p));
        if (!(r instanceof SpecReading.Accepted)) {
            spec.commandLine().getErr().println("not imported");
            return ModelsCheckCommand.EXIT_INVALID;
        }
        Path dir = GatewayModels.directory(loaded.get().config().gateway().dataDir()).resolve("imported");
        Files.createDirectories(dir);
        Path target = dir.resolve(model + ".json");
        Path tmp = Files.createTempFile(dir, model, ".tmp");
        try {
            Files.copy(file, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        spec.commandLine().getOut().println("imported " + model + " to " + target + (r.problems().isEmpty() ? ""
                : " (" + r.problems().size() + " element(s) left out, listed on stderr)") + "; used from the next start");
        return 0;
    }
}
