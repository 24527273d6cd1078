package dev.hearth.app.cli;

import dev.hearth.core.GatewayVersion;
import picocli.CommandLine.IVersionProvider;

/** The version for {@code hearth --version}: the gateway core's (one version for the whole build). */
public final class HearthVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"hearth " + version()};
    }

    public static String version() {
        return GatewayVersion.version();
    }
}
