package dev.hearth.app.cli;

import dev.hearth.core.models.GatewayModels;
import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.ModelCatalog;
import dev.hearth.driver.api.model.miot.MiotSpecReader;
import dev.hearth.driver.api.model.miot.PrivacyClassTable;
import dev.hearth.driver.api.model.miot.SpecCatalog;
import dev.hearth.driver.api.model.miot.SpecReading;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code hearth models show MODEL [--config CONFIG]}: one model's services, properties (class, access), actions and events. */
@Command(name = "show",
        mixinStandardHelpOptions = true,
        versionProvider = HearthVersion.class,
        description = "Show a device model: services, properties with class and access, actions, events.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:shown", "2:no such model, or bad arguments"})
public final class ModelsShowCommand implements Callable<Integer> {

    @ParentCommand
    private ModelsCommand parent;

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The device model, e.g. dmaker.fan.p9.")
    private String model;

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
                new MiotSpecReader(PrivacyClassTable.standard()), r -> { });
        Optional<DeviceModel> m = specs.over(ModelCatalog.fromClasspath(loader)).find(model);
        if (m.isEmpty()) {
            spec.commandLine().getErr().println("no model " + model + "; a spec document can be added with hearth models import");
            return ModelsCheckCommand.EXIT_INVALID;
        }
        // unclassified properties are known only when the model is the spec's, not a model file's
        List<SpecReading.Unclassified> unclassified = specs.find(model).map(SpecCatalog.Entry::reading)
                .filter(r -> r.model() == m.get()).map(SpecReading.Accepted::unclassified).orElse(List.of());
        ModelPrinter.print(spec.commandLine().getOut(), m.get(), unclassified);
        return 0;
    }
}
