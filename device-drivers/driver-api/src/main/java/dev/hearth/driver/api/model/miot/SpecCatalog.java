package dev.hearth.driver.api.model.miot;

import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.ModelCatalog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * The MIoT spec documents this gateway knows, read once at start, without the network. A model
 * resolves to the first of: a document the owner imported ({@code <models>/imported/<model>.json}),
 * the cache ({@code <models>/cache/<model>.json}), the documents bundled in a driver jar (listed in
 * {@value #INDEX}). A document that does not read is refused (reported to the listener, which
 * counts it) and the next source is tried; nothing throws on a bad file.
 */
public final class SpecCatalog {

    /** The class-path resource listing a jar's bundled spec documents: {@code <model> <TAB> <resource>} a line. */
    public static final String INDEX = "hearth/miot-specs.idx";
    /** At most this many documents are read from each directory; the rest are refused. */
    public static final int MAX_FILES_PER_DIRECTORY = 256;

    private static final Pattern MODEL = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

    /** Where a document came from, in resolution order. */
    public enum Source { IMPORTED, CACHED, BUNDLED }

    /** A model and the document it was read from. */
    public record Entry(String model, Source source, String origin, SpecReading.Accepted reading) {
        public Entry {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(origin, "origin");
            Objects.requireNonNull(reading, "reading");
        }
    }

    /** A document that gave no model, and why. */
    public record Refusal(Source source, String origin, List<SpecProblem> problems) {
        public Refusal {
            problems = List.copyOf(problems);
        }
    }

    private final Map<String, Entry> entries;

    private SpecCatalog(Map<String, Entry> entries) {
        this.entries = Collections.unmodifiableMap(entries);
    }

    /**
     * Reads every document: the bundled ones visible to {@code loader}, and, when {@code modelsDir}
     * is given, its {@code imported/} and {@code cache/} directories.
     */
    public static SpecCatalog load(ClassLoader loader, Optional<Path> modelsDir, MiotSpecReader reader,
                                   Consumer<Refusal> refused) {
        Map<String, Entry> found = new LinkedHashMap<>();
        modelsDir.ifPresent(dir -> {
            directory(dir.resolve("imported"), Source.IMPORTED, reader, refused, found);
            directory(dir.resolve("cache"), Source.CACHED, reader, refused, found);
        });
        bundled(loader, reader, refused, found);
        return new SpecCatalog(found);
    }

    public Optional<Entry> find(String model) {
        return Optional.ofNullable(entries.get(model));
    }

    public Collection<Entry> all() {
        return entries.values();
    }

    /**
     * The models of {@code handwritten} together with these: an imported or cached spec replaces
     * a hand-written model of the same name (the owner chose it), a bundled spec does not (a
     * hand-written model maps legacy miIO names that a spec lacks).
     */
    public ModelCatalog over(ModelCatalog handwritten) {
        Map<String, DeviceModel> merged = new LinkedHashMap<>();
        for (DeviceModel m : handwritten.all()) merged.put(m.model(), m);
        for (Entry e : entries.values()) {
            if (e.source() == Source.BUNDLED) merged.putIfAbsent(e.model(), e.reading().model());
            else merged.put(e.model(), e.reading().model());
        }
        return new ModelCatalog(merged.values());
    }

    /** Whether {@code model} may name a file in a models directory. */
    public static boolean validModelName(String model) {
        return model != null && MODEL.matcher(model).matches() && !model.contains("..");
    }

    private static void directory(Path dir, Source source, MiotSpecReader reader, Consumer<Refusal> refused,
                                  Map<String, Entry> found) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) return;
        int seen = 0;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path file : files) {
                String origin = file.toString();
                if (++seen > MAX_FILES_PER_DIRECTORY) {
                    refused.accept(refusal(source, origin, "more than " + MAX_FILES_PER_DIRECTORY + " documents in " + dir));
                    continue;
                }
                String name = file.getFileName().toString();
                String model = name.substring(0, name.length() - ".json".length());
                if (!validModelName(model)) {
                    refused.accept(refusal(source, origin, "'" + MiotSpecReader.clip(model) + "' is not a model name"));
                    continue;
                }
                if (found.containsKey(model)) continue;
                if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    refused.accept(refusal(source, origin, "not a regular file"));
                    continue;
                }
                if (Files.size(file) > reader.maxBytes()) {
                    refused.accept(refusal(source, origin, "document is " + Files.size(file) + " bytes, more than the limit of "
                            + reader.maxBytes()));
                    continue;
                }
                accept(model, source, origin, reader.read(Files.readAllBytes(file), model), refused, found);
            }
        } catch (IOException e) {
            refused.accept(refusal(source, dir.toString(), "cannot read the directory: " + MiotSpecReader.clip(e.getMessage())));
        }
    }

    private static void bundled(ClassLoader loader, MiotSpecReader reader, Consumer<Refusal> refused, Map<String, Entry> found) {
        Enumeration<URL> indexes;
        try {
            indexes = loader.getResources(INDEX);
        } catch (IOException e) {
            refused.accept(refusal(Source.BUNDLED, INDEX, "cannot list: " + MiotSpecReader.clip(e.getMessage())));
            return;
        }
        while (indexes.hasMoreElements()) {
            URL index = indexes.nextElement();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(index.openStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.isBlank() || line.startsWith("#")) continue;
                    String[] f = line.split("\t");
                    if (f.length < 2 || !validModelName(f[0].strip())) {
                        refused.accept(refusal(Source.BUNDLED, index.toString(), "malformed line '" + MiotSpecReader.clip(line) + "'"));
                        continue;
                    }
                    String model = f[0].strip();
                    String resource = f[1].strip();
                    if (found.containsKey(model)) continue;
                    try (InputStream in = loader.getResourceAsStream(resource)) {
                        if (in == null) {
                            refused.accept(refusal(Source.BUNDLED, resource, "listed in " + index + " but missing"));
                            continue;
                        }
                        byte[] doc = in.readNBytes(reader.maxBytes() + 1);
                        accept(model, Source.BUNDLED, resource, reader.read(doc, model), refused, found);
                    }
                }
            } catch (IOException e) {
                refused.accept(refusal(Source.BUNDLED, index.toString(), "cannot read: " + MiotSpecReader.clip(e.getMessage())));
            }
        }
    }

    private static void accept(String model, Source source, String origin, SpecReading reading, Consumer<Refusal> refused,
                               Map<String, Entry> found) {
        if (reading instanceof SpecReading.Accepted a) {
            found.put(model, new Entry(model, source, origin, a));
        } else {
            refused.accept(new Refusal(source, origin, reading.problems()));
        }
    }

    private static Refusal refusal(Source source, String origin, String why) {
        return new Refusal(source, origin, List.of(new SpecProblem("$", why)));
    }
}
