package dev.hearth.app.logging;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.FileAppender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.joran.spi.JoranException;
import ch.qos.logback.core.pattern.DynamicConverter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/** The gateway's production log pattern (from target/classes/logback.xml), for tests that write logs as production does. */
public final class ProductionLogging {
    private ProductionLogging() {
    }

    /** The encoder pattern of the production configuration's console appender. */
    public static String pattern() throws JoranException {
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter());
        try {
            JoranConfigurator joran = new JoranConfigurator();
            joran.setContext(context);
            joran.doConfigure(Path.of("target/classes/logback.xml").toFile());
            @SuppressWarnings("unchecked")
            var console = (OutputStreamAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR");
            return ((PatternLayoutEncoder) console.getEncoder()).getPattern();
        } finally {
            context.stop();
        }
    }

    /**
     * Adds to the root logger of {@code context} a file appender with the production pattern and
     * its conversion rules (what {@code <conversionRule>} registers).
     */
    public static FileAppender<ILoggingEvent> addFileAppender(LoggerContext context, Path file) throws JoranException {
        @SuppressWarnings("unchecked")
        Map<String, Supplier<DynamicConverter<?>>> rules =
                (Map<String, Supplier<DynamicConverter<?>>>) context.getObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS);
        Map<String, Supplier<DynamicConverter<?>>> merged = rules == null ? new HashMap<>() : new HashMap<>(rules);
        merged.put("maskedMsg", MaskingConverter::new);
        merged.put("maskedEx", MaskingThrowableConverter::new);
        context.putObject(CoreConstants.PATTERN_RULE_REGISTRY_FOR_SUPPLIERS, merged);
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(pattern());
        encoder.setCharset(StandardCharsets.UTF_8);
        encoder.start();
        FileAppender<ILoggingEvent> appender = new FileAppender<>();
        appender.setContext(context);
        appender.setName("production-pattern-file");
        appender.setFile(file.toString());
        appender.setEncoder(encoder);
        appender.start();
        context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
        return appender;
    }
}
