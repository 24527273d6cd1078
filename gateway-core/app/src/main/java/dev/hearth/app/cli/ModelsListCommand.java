package dev.hearth.app.cli;

import dev.hearth.core.models.GatewayModels;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.ModelCatalog;
import dev.hearth.driver.api.model.miot.MiotSpecReader;
import dev.hearth.driver.api.model.miot.PrivacyClassTable;
import dev.hearth.driver.api.model.miot.SpecCatalog;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hearth models list [--config CONFIG]}: every model the gateway would start with, and where it comes from. */
@Command(name = "list",
        mixinStandardHelpOptions = true,
        versionProvider = HearthVersion.class,
        description = "List the device models the gateway knows and where each comes from.")
public final class ModelsListCommand implements Callable<Integer> {

    @ParentCommand
    private ModelsCommand parent;

    @Spec
    private CommandSpec spec;

    @Option(names = "--config", paramLabel = "CONFIG", description = "The gateway's configuration file, to include imported and cached specs.")
    private Path config;

    @Override
    public Integer call() {
        Optional<Path> dataDir = Optional.empty();
        if (config != null) {
            var loaded = ConfigFiles.load(config, parent.root().environment(), spec.commandLine().getErr());
            if (loaded.isEmpty()) return ModelsCheckCommand.EXIT_INVALID;
            dataDir = Optional.of(loaded.get().config().gateway().dataDir());
        }
        ClassLoader loader = getClass().getClassLoader();
        SpecCatalog specs = SpecCatalog.load(loader, dataDir.map(GatewayModels::directory),
                new MiotSpecReader(PrivacyClassTable.standard()), r -> spec.commandLine().getErr().println(
                        "refused " + r.origin() + ": " + r.problems().get(0)));
        ModelCatalog models = specs.over(ModelCatalog.fromClasspath(loader));
        models.all().stream().sorted(Comparator.comparing(DeviceModel::model)).forEach(m -> {
            String source = specs.find(m.model()).filter(e -> e.reading().model() == m)
                    .map(e -> "spec, " + e.source().name().toLowerCase(Locale.ROOT)).orElse("model file");
            spec.commandLine().getOut().println(m.model() + "\t" + m.protocol() + "\t" + source + "\t"
                    + m.properties().size() + " properties\t" + m.description());
        });
        spec.commandLine().getOut().flush();
        spec.commandLine().getErr().flush();
        return 0;
    }
}
