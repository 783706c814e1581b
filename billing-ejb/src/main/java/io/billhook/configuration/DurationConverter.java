package io.billhook.configuration;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Reads durations the way operators write them: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 1h},
 * {@code 3d}, a plain number of seconds, or ISO-8601 ({@code PT30S}).
 */
public class DurationConverter implements Converter<Duration> {

    private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

    @Override
    public Duration convert(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        if (text.isEmpty()) {
            return null;
        }
        if (text.startsWith("p")) {
            return Duration.parse(text.toUpperCase(Locale.ROOT));
        }
        Matcher m = SHORT.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a duration: '" + value + "' (use e.g. 250ms, 30s, 5m, 1h, 3d or PT30S)");
        }
        long amount = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(amount);
            case "m" -> Duration.ofMinutes(amount);
            case "h" -> Duration.ofHours(amount);
            case "d" -> Duration.ofDays(amount);
            default -> Duration.ofSeconds(amount);
        };
    }
}
