package dev.hearth.bench.devices;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How to start a gateway JVM: {@code java JVM_OPTIONS -cp CLASSPATH dev.hearth.app.cli.HearthCli}.
 *
 * @param java       the java executable (the one running the benchmark)
 * @param jcmd       jcmd from the same JDK (forces GCs and reads the heap in the gateway)
 * @param classpath  the app jar and its lib directory
 * @param jvmOptions e.g. {@code -Xmx256m}
 */
public record GatewayLaunch(Path java, Path jcmd, String classpath, List<String> jvmOptions) {
    static final String MAIN = "dev.hearth.app.cli.HearthCli";

    public GatewayLaunch {
        jvmOptions = List.copyOf(jvmOptions);
    }

    /**
     * The gateway as {@code ./hearth run} would start it: the app jar and {@code lib/*} of the
     * checkout this benchmark was built in (or {@code classpath} when given).
     */
    public static GatewayLaunch locate(Optional<String> classpath, List<String> jvmOptions) throws IOException {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        String cp = classpath.isPresent() ? classpath.get() : gatewayCoreClasspath(checkoutRoot());
        // e.g. a profiler: -Dhearth.bench.gatewayJvmOptions="-XX:StartFlightRecording=filename=/tmp/gw.jfr,settings=profile"
        List<String> options = new java.util.ArrayList<>(jvmOptions);
        String extra = System.getProperty("hearth.bench.gatewayJvmOptions", "").strip();
        if (!extra.isEmpty()) options.addAll(List.of(extra.split("\\s+")));
        return new GatewayLaunch(bin.resolve("java"), bin.resolve("jcmd"), cp, options);
    }

    List<String> command(String... args) {
        List<String> cmd = new java.util.ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(classpath);
        cmd.add(MAIN);
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** bench/target/{classes or the bench jar} lies three levels below the checkout's root. */
    private static Path checkoutRoot() throws IOException {
        try {
            Path here = Path.of(GatewayLaunch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = here; p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("gateway-core/app/target/lib"))) return p;
            }
        } catch (URISyntaxException | SecurityException e) {
            throw new IOException("cannot tell where the benchmark runs from; pass --gateway-classpath", e);
        }
        Path cwd = Path.of("").toAbsolutePath();
        if (Files.isDirectory(cwd.resolve("gateway-core/app/target/lib"))) return cwd;
        throw new IOException("gateway-core/app/target/lib not found: build first (mvn -B -q -o package -DskipTests "
                + "-pl gateway-core/app,bench -am) or pass --gateway-classpath");
    }

    private static String gatewayCoreClasspath(Path root) throws IOException {
        Path target = root.resolve("gateway-core/app/target");
        try (Stream<Path> files = Files.list(target)) {
            Path jar = files.filter(f -> f.getFileName().toString().matches("hearth-app-.*\\.jar"))
                    .filter(f -> !f.getFileName().toString().matches(".*-(sources|tests|javadoc)\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IOException("no hearth-app jar in " + target + ": build it first"));
            return jar + File.pathSeparator + target.resolve("lib") + File.separator + "*";
        }
    }
}
