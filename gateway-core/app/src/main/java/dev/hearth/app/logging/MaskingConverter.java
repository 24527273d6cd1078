package dev.hearth.app.logging;

import dev.hearth.core.logging.LogMasker;
import dev.hearth.core.logging.LogSafe;

import ch.qos.logback.classic.pattern.ClassicConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.hearth.core.privacy.PersonalDataDetector;

/**
 * A Logback converter printing the log message with secrets and personal data masked (see
 * {@link LogMasker}) and control characters escaped ({@link LogSafe#escape}): whatever a message
 * carries from outside, it stays one line and cannot forge another. Use it in place of {@code %msg}:
 * <pre>{@code
 * <conversionRule conversionWord="maskedMsg" class="dev.hearth.app.logging.MaskingConverter"/>
 * <pattern>%d %-5level %logger - %maskedMsg%n</pattern>
 * }</pre>
 * Logback creates converters by their no-argument constructor.
 */
public final class MaskingConverter extends ClassicConverter {

    private final LogMasker masker = new LogMasker(new PersonalDataDetector());

    @Override
    public String convert(ILoggingEvent event) {
        return LogSafe.escape(masker.mask(event.getFormattedMessage()));
    }
}
