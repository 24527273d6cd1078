package dev.hearth.app.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.pattern.DynamicConverter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MaskingConverterTest {

    private final LoggerContext context = new LoggerContext();
    private final ByteArrayOutputStream sink = new ByteArrayOutputStream();
    private Logger log;

    @BeforeEach
    void configureALoggerWhosePatternUsesTheConverter() {
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        // what <conversionRule conversionWord="maskedMsg" converterClass="..."/> does in logback.xml
        Map<String, Supplier<DynamicConverter<?>>> registry = new HashMap<>();
        registry.put("maskedMsg", MaskingConverter::new);
        context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, registry);

        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%level %maskedMsg%n");
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setEncoder(encoder);
        appender.setOutputStream(sink);
        appender.start();
        log = context.getLogger("test");
        log.addAppender(appender);
        log.setAdditive(false);
    }

    @AfterEach
    void stop() {
        context.stop();
    }

    private String logged(String format, Object... args) {
        sink.reset();
        log.info(format, args);
        return sink.toString(StandardCharsets.UTF_8).strip();
    }

    @Test
    void masksSecretsInAnyForm() {
        assertThat(logged("handshake with token {}", "0123456789abcdef0123456789ABCDEF"))
                .isEqualTo("INFO handshake with token [redacted:SECRET]");
        assertThat(logged("connect password={} user=bob", "hunter2")).isEqualTo("INFO connect password=[redacted:SECRET] user=bob");
        assertThat(logged("loaded key: {}", "short1")).isEqualTo("INFO loaded key: [redacted:SECRET]");
        assertThat(logged("home key {}", "q83vEjRWeJASNFZ4kBI0VniQEjRWeJASNFZ4kBI0Vng="))
                .isEqualTo("INFO home key [redacted:SECRET]");
    }

    @Test
    void masksPersonalDataFoundInTheMessage() {
        assertThat(logged("user {} called from {}", "wang@example.com", "13812345678"))
                .isEqualTo("INFO user [redacted:EMAIL] called from [redacted:PHONE]");
        assertThat(logged("device at {} mac {}", "192.168.1.20", "a4:c1:38:2f:9e:01"))
                .isEqualTo("INFO device at [redacted:IPV4] mac [redacted:MAC]");
        assertThat(logged("id {} card {}", "11010519491231002X", "6222 0212 3456 7894"))
                .isEqualTo("INFO id [redacted:CN_RESIDENT_ID] card [redacted:BANK_CARD]");
        assertThat(logged("peer {}", "2001:db8::7")).isEqualTo("INFO peer [redacted:IPV6]");
    }

    @Test
    void leavesLoopbackAndOrdinaryTextAlone() {
        assertThat(logged("listening on {}:{}", "127.0.0.1", 8080)).isEqualTo("INFO listening on 127.0.0.1:8080");
        assertThat(logged("lamp {} brightness {} firmware 1.4.2.8", "lamp-1", 80))
                .isEqualTo("INFO lamp lamp-1 brightness 80 firmware 1.4.2.8");
        assertThat(logged("loading /work/hearth/config/devices/living-room.json")).contains("living-room.json");
    }
}
