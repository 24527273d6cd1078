package dev.hearth.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How the audit log is rotated (gateway.auditLog, issue 13): defaults, values read, bad values refused with their path. */
class AuditLogConfigTest {
    private static ConfigResult parse(String yaml) {
        return new ConfigLoader(Map.of()).parse(yaml, Path.of("/etc/hearth"));
    }

    @Test
    void theRotationHasDefaults() {
        HearthConfig c = ((ConfigResult.Valid) parse("home: { id: h1, owner: u1 }\ngateway: { id: gw-1 }\n")).config();
        assertThat(c.gateway().auditLog()).isEqualTo(new AuditLogConfig(DataSize.ofMegabytes(8), Duration.ofDays(7), 8));
    }

    @Test
    void theRotationIsRead() {
        ConfigResult r = parse("home: { id: h1, owner: u1 }\n"
                + "gateway: { id: gw-1, auditLog: { maxFileSize: 512KB, maxFileAge: 2h, maxFiles: 3 } }\n");
        assertThat(r).isInstanceOf(ConfigResult.Valid.class);
        assertThat(((ConfigResult.Valid) r).config().gateway().auditLog())
                .isEqualTo(new AuditLogConfig(DataSize.ofKilobytes(512), Duration.ofHours(2), 3));
    }

    @Test
    void badRotationValuesAreProblemsWithTheirPath() {
        ConfigResult r = parse("home: { id: h1, owner: u1 }\n"
                + "gateway: { id: gw-1, auditLog: { maxFileSize: 10KB, maxFileAge: 1s, maxFiles: 0, rotate: yes } }\n");
        assertThat(r).isInstanceOf(ConfigResult.Invalid.class);
        assertThat(r.toString()).contains("gateway.auditLog");
        assertThat(r.toString()).contains("maxFiles").contains("rotate");
    }
}
