package dev.hearth.core.models;

import dev.hearth.driver.api.model.ModelCatalog;
import dev.hearth.driver.api.model.miot.MiotSpecReader;
import dev.hearth.driver.api.model.miot.PrivacyClassTable;
import dev.hearth.driver.api.model.miot.SpecCatalog;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The device models a gateway starts with: the hand-written model files on the class path and
 * the MIoT spec documents of {@link SpecCatalog} (imported and cached under
 * {@code <data dir>/models/}, bundled in the drivers). Read once, at start, without the network.
 */
public final class GatewayModels {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayModels.class);
    /** A refused document's problems logged at most, so a broken file cannot flood the log. */
    private static final int LOGGED_PROBLEMS = 5;

    private GatewayModels() { }

    /** The directory under the data directory that holds imported and cached spec documents. */
    public static Path directory(Path dataDir) {
        return dataDir.resolve("models");
    }

    /**
     * Loads both kinds; {@code refused} hears each refused document by source
     * ({@code imported|cached|bundled}), to count it.
     */
    public static ModelCatalog load(ClassLoader loader, Optional<Path> dataDir, BiConsumer<String, String> refused) {
        SpecCatalog specs = SpecCatalog.load(loader, dataDir.map(GatewayModels::directory),
                new MiotSpecReader(PrivacyClassTable.standard()), r -> {
                    String source = r.source().name().toLowerCase(Locale.ROOT);
                    refused.accept("miot-spec", source);
                    LOG.warn("spec document {} ({}) refused: {}{}", r.origin(), source,
                            r.problems().subList(0, Math.min(LOGGED_PROBLEMS, r.problems().size())),
                            r.problems().size() > LOGGED_PROBLEMS ? " and " + (r.problems().size() - LOGGED_PROBLEMS) + " more" : "");
                });
        for (SpecCatalog.Entry e : specs.all()) {
            if (!e.reading().problems().isEmpty()) {
                LOG.warn("spec document {} for {}: {} element(s) left out, e.g. {}", e.origin(), e.model(),
                        e.reading().problems().size(), e.reading().problems().get(0));
            }
        }
        return specs.over(ModelCatalog.fromClasspath(loader));
    }
}
