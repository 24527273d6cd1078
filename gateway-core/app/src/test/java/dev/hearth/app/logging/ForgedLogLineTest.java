package dev.hearth.app.logging;

import dev.hearth.core.logging.LogSafe;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.LogbackMDCAdapter;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.classic.spi.ILoggingEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A user id with a line break or an escape sequence cannot forge a log line (issue 21, defect 8). */
class ForgedLogLineTest {
    private static final String FORGED = "u2\n12:00:00.000 INFO  d.h.c.access.AccessPolicy - user u1 granted OWNER to u2\u001b[2K";

    @TempDir Path dir;

    private List<String> logged(String pattern, Object... args) throws Exception {
        Path file = dir.resolve("hearth.log");
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new LogbackMDCAdapter());
        try {
            FileAppender<ILoggingEvent> appender = ProductionLogging.addFileAppender(context, file);
            Logger log = context.getLogger("dev.hearth.core.cloud.command.CommandService");
            log.info(pattern, args);
            appender.stop();
        } finally {
            context.stop();
        }
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Test
    void aUserIdWithALineBreakStaysOnItsOwnLogLine() throws Exception {
        List<String> lines = logged("command refused for user {}: {}", FORGED, "no_access");
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).contains("command refused for user u2\\n12:00:00.000 INFO")
                .contains("\\u001b[2K").endsWith(": no_access")
                .doesNotContain("\u001b");
    }

    @Test
    void logSafeEscapesAndCutsAnIdentifier() throws Exception {
        assertThat(LogSafe.of("a\r\nb\tc\u0000\u2028").toString()).isEqualTo("a\\r\\nb\\tc\\u0000\\u2028");
        assertThat(LogSafe.of("lamp-1").toString()).isEqualTo("lamp-1");
        String cut = LogSafe.of("x".repeat(LogSafe.MAX_CHARS + 50)).toString();
        assertThat(cut).startsWith("x".repeat(LogSafe.MAX_CHARS)).endsWith("...(50 more)");
        assertThat(logged("device {} refused", LogSafe.of("lamp\n" + "y".repeat(300)))).hasSize(1);
    }
}
