package dev.hearth.core.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hearth.driver.api.model.DataClass;
import dev.hearth.driver.api.model.ModelCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GatewayModelsTest {

    @TempDir
    Path dataDir;

    private final List<String> refused = new ArrayList<>();

    private void importDoc(String model, byte[] doc) throws IOException {
        Path dir = GatewayModels.directory(dataDir).resolve("imported");
        Files.createDirectories(dir);
        Files.write(dir.resolve(model + ".json"), doc);
    }

    private static byte[] p9() throws IOException {
        // python-miio's copy of the published dmaker.fan.p9 spec (rytilahti/python-miio@390aff3b, miio/miot_specs/)
        try (InputStream in = GatewayModelsTest.class.getClassLoader().getResourceAsStream("miot-specs/dmaker.fan.p9.json")) {
            return in.readAllBytes();
        }
    }

    @Test
    void aSpecTheOwnerImportedIsAModelAtTheNextStartWithItsClasses() throws IOException {
        importDoc("dmaker.fan.p9", p9());

        ModelCatalog models = GatewayModels.load(getClass().getClassLoader(), Optional.of(dataDir), (p, r) -> refused.add(p + "/" + r));

        assertThat(refused).isEmpty();
        assertThat(models.find("dmaker.fan.p9").orElseThrow().property("2.1").orElseThrow().property().dataClass())
                .isEqualTo(DataClass.TELEMETRY);
    }

    @Test
    void aBrokenImportedDocumentIsCountedAndTheGatewayStillStarts() throws IOException {
        importDoc("vendor.fan.broken", "{\"type\": \"urn:miot-spec-v2:device:fan".getBytes(StandardCharsets.UTF_8));
        importDoc("vendor.fan.x", p9());

        ModelCatalog models = GatewayModels.load(getClass().getClassLoader(), Optional.of(dataDir), (p, r) -> refused.add(p + "/" + r));

        assertThat(refused).containsExactly("miot-spec/imported");
        assertThat(models.find("vendor.fan.broken")).isEmpty();
        assertThat(models.find("vendor.fan.x")).isPresent();
    }
}
