package dev.hearth.app.cli;

import dev.hearth.driver.api.model.miot.MiotSpecReader;
import dev.hearth.driver.api.model.miot.PrivacyClassTable;
import dev.hearth.driver.api.model.miot.SpecReading;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hearth models check FILE [--model MODEL]}: reads a MIoT spec instance document as the
 * gateway would and prints the model it gives, each property with the class it gets; every
 * problem goes to stderr as {@code path: message}.
 */
@Command(name = "check",
        mixinStandardHelpOptions = true,
        versionProvider = HearthVersion.class,
        description = "Explain a MIoT spec document: the model it gives, the classes, its problems.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the document reads without a problem", "2:problems found (listed on stderr), the document refused, or bad arguments"})
public final class ModelsCheckCommand implements Callable<Integer> {
    static final int EXIT_INVALID = 2;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "The spec instance document (JSON).")
    private Path file;

    @Option(names = "--model", paramLabel = "MODEL", description = "The device model it describes (default: the file name without .json).")
    private String model;

    @Override
    public Integer call() throws IOException {
        SpecReading r = read(file, model, spec);
        if (r instanceof SpecReading.Accepted a) {
            ModelPrinter.print(spec.commandLine().getOut(), a.model(), a.unclassified());
        }
        r.problems().forEach(p -> spec.commandLine().getErr().println(p));
        spec.commandLine().getErr().flush();
        return r.problems().isEmpty() ? 0 : EXIT_INVALID;
    }

    /** Reads {@code file} (at most the reader's limit) as the spec of {@code model}, or of the model its name says. */
    static SpecReading read(Path file, String model, CommandSpec spec) throws IOException {
        String name = model != null ? model : file.getFileName().toString().replaceFirst("\\.json$", "");
        MiotSpecReader reader = new MiotSpecReader(PrivacyClassTable.standard());
        if (Files.size(file) > reader.maxBytes()) {
            return new SpecReading.Rejected(java.util.List.of(new dev.hearth.driver.api.model.miot.SpecProblem("$",
                    "document is " + Files.size(file) + " bytes, more than the limit of " + reader.maxBytes())));
        }
        return reader.read(Files.readAllBytes(file), name);
    }
}
