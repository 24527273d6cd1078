package dev.hearth.tools.ctl;

import java.time.Duration;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** "500ms", "10s", "2m", "2h", "7d". */
final class DurationConverter implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
        try {
            if (value.endsWith("ms")) return positive(Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2))), value);
            String number = value.substring(0, Math.max(0, value.length() - 1));
            switch (value.isEmpty() ? ' ' : value.charAt(value.length() - 1)) {
                case 's': return positive(Duration.ofSeconds(Long.parseLong(number)), value);
                case 'm': return positive(Duration.ofMinutes(Long.parseLong(number)), value);
                case 'h': return positive(Duration.ofHours(Long.parseLong(number)), value);
                case 'd': return positive(Duration.ofDays(Long.parseLong(number)), value);
                default: break;
            }
        } catch (NumberFormatException | ArithmeticException e) {
            // fall through
        }
        throw new TypeConversionException("not a duration: \"" + value + "\" (use e.g. 500ms, 10s, 2m, 2h, 7d)");
    }

    private static Duration positive(Duration d, String value) {
        if (d.isNegative() || d.isZero()) throw new TypeConversionException("not a positive duration: \"" + value + "\"");
        return d;
    }
}
