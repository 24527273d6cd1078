package dev.hearth.app.logging;

import dev.hearth.core.logging.LogMasker;

import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.IThrowableProxy;
import dev.hearth.core.privacy.PersonalDataDetector;

/**
 * A Logback converter printing a logged exception (class, message, stack, causes) with secrets
 * and personal data masked (see {@link LogMasker}): exception messages carry addresses, tokens
 * and ids as often as log messages do. Use it in place of {@code %ex}:
 * <pre>{@code
 * <conversionRule conversionWord="maskedEx" class="dev.hearth.app.logging.MaskingThrowableConverter"/>
 * <pattern>... %maskedMsg%n%maskedEx</pattern>
 * }</pre>
 * Being a throwable converter, it also stops Logback from appending its own unmasked {@code %ex}.
 */
public final class MaskingThrowableConverter extends ThrowableProxyConverter {

    private final LogMasker masker = new LogMasker(new PersonalDataDetector());

    @Override
    protected String throwableProxyToString(IThrowableProxy tp) {
        return masker.mask(super.throwableProxyToString(tp));
    }
}
