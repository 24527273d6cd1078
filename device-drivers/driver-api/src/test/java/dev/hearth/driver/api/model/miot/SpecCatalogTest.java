package dev.hearth.driver.api.model.miot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.model.DeviceModel;
import dev.hearth.driver.api.model.ModelCatalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecCatalogTest {

    @TempDir
    Path models;

    private final List<SpecCatalog.Refusal> refused = new ArrayList<>();
    private final MiotSpecReader reader = new MiotSpecReader(PrivacyClassTable.standard(), 64 * 1024);

    private SpecCatalog load() {
        return SpecCatalog.load(getClass().getClassLoader(), Optional.of(models), reader, refused::add);
    }

    private void write(String dir, String model, byte[] doc) throws IOException {
        Files.createDirectories(models.resolve(dir));
        Files.write(models.resolve(dir).resolve(model + ".json"), doc);
    }

    /** The real p11 document with another device description, so the test can tell copies apart. */
    private static byte[] p11Described(String description) throws IOException {
        String doc = new String(MiotSpecReaderTest.fixture("dmaker.fan.p11.json"), StandardCharsets.UTF_8);
        return doc.replaceFirst("\"description\": \"Fan\"", "\"description\": \"" + description + "\"").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void withNothingOnDiskTheBundledDocumentResolvesAndAMissingOneIsRefused() {
        SpecCatalog c = load();

        assertThat(c.find("dmaker.fan.p11").orElseThrow().source()).isEqualTo(SpecCatalog.Source.BUNDLED);
        assertThat(refused).singleElement().satisfies(r -> assertThat(r.problems().get(0).message()).contains("missing"));
    }

    @Test
    void anImportedSpecComesBeforeTheCacheWhichComesBeforeTheBundle() throws IOException {
        write("cache", "dmaker.fan.p11", p11Described("cached"));
        assertThat(load().find("dmaker.fan.p11").orElseThrow().reading().model().description()).isEqualTo("cached");

        write("imported", "dmaker.fan.p11", p11Described("imported"));
        SpecCatalog.Entry e = load().find("dmaker.fan.p11").orElseThrow();
        assertThat(e.source()).isEqualTo(SpecCatalog.Source.IMPORTED);
        assertThat(e.reading().model().description()).isEqualTo("imported");
    }

    @Test
    void aBrokenImportIsRefusedAndCountedAndTheNextSourceServesTheModel() throws IOException {
        write("imported", "dmaker.fan.p11", "{\"type\": 3}".getBytes(StandardCharsets.UTF_8));
        write("cache", "dmaker.fan.p11", p11Described("cached"));

        SpecCatalog c = load();

        assertThat(c.find("dmaker.fan.p11").orElseThrow().source()).isEqualTo(SpecCatalog.Source.CACHED);
        assertThat(refused).anySatisfy(r -> {
            assertThat(r.source()).isEqualTo(SpecCatalog.Source.IMPORTED);
            assertThat(r.problems()).containsExactly(new SpecProblem("$.type", "missing device type URN"));
        });
    }

    @Test
    void anOversizedFileIsRefusedWithoutBeingRead() throws IOException {
        write("imported", "big.model", new byte[64 * 1024 + 1]);

        assertThat(load().find("big.model")).isEmpty();
        assertThat(refused).anySatisfy(r -> assertThat(r.problems().get(0).message()).contains("more than the limit"));
    }

    @Test
    void aFileWhoseNameIsNoModelNameIsRefused() throws IOException {
        write("imported", "Not A Model", p11Described("x"));

        SpecCatalog c = load();

        assertThat(c.all()).extracting(SpecCatalog.Entry::model).containsExactly("dmaker.fan.p11");
        assertThat(refused).anySatisfy(r -> assertThat(r.problems().get(0).message()).contains("is not a model name"));
    }

    @Test
    void aDirectoryReadsAtMostItsBoundOfDocuments() throws IOException {
        byte[] doc = p11Described("many");
        for (int i = 0; i < SpecCatalog.MAX_FILES_PER_DIRECTORY + 3; i++) write("cache", "vendor.fan.m" + i, doc);

        SpecCatalog c = load();

        assertThat(c.all()).hasSize(SpecCatalog.MAX_FILES_PER_DIRECTORY + 1);
        assertThat(refused.stream().filter(r -> r.problems().get(0).message().startsWith("more than"))).hasSize(3);
    }

    @Test
    void anImportedSpecReplacesAHandWrittenModelButABundledOneDoesNot() throws IOException {
        DeviceModel handP11 = new DeviceModel("dmaker.fan.p11", "miio", "hand-written", Map.of(), List.of());
        DeviceModel handOther = new DeviceModel("other.fan.x", "miio", "hand-written", Map.of(), List.of());
        ModelCatalog handwritten = new ModelCatalog(List.of(handP11, handOther));

        assertThat(load().over(handwritten).find("dmaker.fan.p11")).containsSame(handP11);

        write("imported", "other.fan.x", p11Described("imported"));
        ModelCatalog merged = load().over(handwritten);
        assertThat(merged.find("other.fan.x").orElseThrow().description()).isEqualTo("imported");
        assertThat(merged.find("dmaker.fan.p11")).containsSame(handP11);
    }
}
