package dev.hearth.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.status.Status;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The gateway's real logback.xml (src/main/resources), loaded by Joran: what it writes is masked. */
class ProductionLogbackTest {

    /**
     * The production configuration loaded into {@code context}, with its console appender's encoder
     * (pattern and conversion rules as configured) writing to {@code sink} instead of stderr.
     */
    static void configureProductionLogging(LoggerContext context, OutputStream sink) throws Exception {
        JoranConfigurator joran = new JoranConfigurator();
        joran.setContext(context);
        // target/classes, not the test classpath's logback-test.xml
        joran.doConfigure(Path.of("target/classes/logback.xml").toFile());
        assertThat(context.getStatusManager().getCopyOfStatusList()).noneMatch(s -> s.getLevel() >= Status.WARN);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        Appender<ILoggingEvent> console = root.getAppender("STDERR");
        String pattern = ((PatternLayoutEncoder) ((OutputStreamAppender<ILoggingEvent>) console).getEncoder()).getPattern();
        assertThat(pattern).contains("%maskedMsg").contains("%maskedEx").doesNotContain("%msg");
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern);
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> captured = new OutputStreamAppender<>();
        captured.setContext(context);
        captured.setName("CAPTURED");
        captured.setEncoder(encoder);
        captured.setOutputStream(sink);
        captured.start();
        root.detachAppender(console);
        console.stop();
        root.addAppender(captured);
    }

    @Test
    void aFullLogLineWithATokenAPhoneAnEmailAndAnExceptionIsMasked() throws Exception {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        try {
            configureProductionLogging(context, sink);
            Logger log = context.getLogger("dev.hearth.core.Example");
            log.warn("device lamp-1 token=00112233445566778899aabbccddeeff owner 13812345678 mail alice@qq.com",
                    new IllegalStateException("handshake with 10.1.2.3 failed for key 8f2a9c41d0e3b7a65c1e9f0b2d4a6c8e"));
        } finally {
            context.stop();
        }
        String out = sink.toString(StandardCharsets.UTF_8);

        assertThat(out).contains("WARN").contains("Example").contains("device lamp-1")
                .contains("java.lang.IllegalStateException: handshake with [redacted:IPV4] failed")
                .contains("at dev.hearth.app.logging.ProductionLogbackTest");
        assertThat(out).doesNotContain("00112233445566778899aabbccddeeff").doesNotContain("13812345678")
                .doesNotContain("alice@qq.com").doesNotContain("10.1.2.3").doesNotContain("8f2a9c41d0e3b7a65c1e9f0b2d4a6c8e");
        assertThat(out.lines().filter(l -> l.contains("IllegalStateException")).count())
                .as("the exception is printed once, by the masking converter").isEqualTo(1);
    }
}
