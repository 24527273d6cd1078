package dev.hearth.driver.api.model.miot;

import dev.hearth.driver.api.model.DataClass;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The reviewed table of MIoT standard names and the {@link DataClass} each gets, read from
 * {@value #RESOURCE}. Only names of the standard namespace ({@link SpecUrn#STANDARD}) are looked
 * up: a vendor's {@code urn:yeelink-spec:property:...} means whatever the vendor wants, so it is
 * unclassified, and an unclassified property stays out of the model (an unknown field, dropped
 * until its owner allows it).
 */
public final class PrivacyClassTable {

    /** The class-path resource holding the table. */
    public static final String RESOURCE = "hearth/miot/privacy-classes.tsv";

    /** One row: the class and why. */
    public record Entry(String kind, String name, DataClass dataClass, String reason) {
        public Entry {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(dataClass, "dataClass");
            if (reason == null || reason.isBlank()) throw new IllegalArgumentException("entry " + name + " has no reason");
        }
    }

    private final Map<String, Entry> properties;
    private final Map<String, Entry> services;

    private PrivacyClassTable(Map<String, Entry> properties, Map<String, Entry> services) {
        this.properties = Collections.unmodifiableMap(properties);
        this.services = Collections.unmodifiableMap(services);
    }

    /** The table shipped with Hearth. */
    public static PrivacyClassTable standard() {
        try (InputStream in = PrivacyClassTable.class.getClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException(RESOURCE + " is missing from the class path");
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** Reads a table; a malformed row is a programming error in a shipped resource, so it throws. */
    static PrivacyClassTable read(InputStream in) throws IOException {
        Map<String, Entry> properties = new LinkedHashMap<>();
        Map<String, Entry> services = new LinkedHashMap<>();
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int lineNo = 0;
        for (String line = r.readLine(); line != null; line = r.readLine()) {
            lineNo++;
            if (line.isBlank() || line.startsWith("#")) continue;
            String[] f = line.split("\t", -1);
            if (f.length != 4) throw new IllegalArgumentException(RESOURCE + ":" + lineNo + ": expected 4 tab-separated fields");
            Entry e = new Entry(f[0], f[1], DataClass.valueOf(f[2].toUpperCase(Locale.ROOT)), f[3]);
            Map<String, Entry> target = switch (f[0]) {
                case "property" -> properties;
                case "service" -> services;
                default -> throw new IllegalArgumentException(RESOURCE + ":" + lineNo + ": kind must be property or service");
            };
            if (target.putIfAbsent(e.name(), e) != null) {
                throw new IllegalArgumentException(RESOURCE + ":" + lineNo + ": " + f[0] + " " + f[1] + " is listed twice");
            }
        }
        return new PrivacyClassTable(properties, services);
    }

    /**
     * The class of a property of type {@code property} in a service of type {@code service}: the
     * stricter of the property's entry and the service's, or empty when the property is not a
     * standard one or has no entry.
     */
    public Optional<DataClass> classOf(SpecUrn service, SpecUrn property) {
        if (!property.standard()) return Optional.empty();
        Entry p = properties.get(property.name());
        if (p == null) return Optional.empty();
        Entry s = service.standard() ? services.get(service.name()) : null;
        if (s == null || s.dataClass().compareTo(p.dataClass()) <= 0) return Optional.of(p.dataClass());
        return Optional.of(s.dataClass());
    }

    public Map<String, Entry> properties() { return properties; }

    public Map<String, Entry> services() { return services; }
}
