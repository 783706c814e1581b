package io.billhook.configuration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void readsTheWaysOperatorsWriteDurations() {
        assertEquals(Duration.ofMillis(250), converter.convert("250ms"));
        assertEquals(Duration.ofSeconds(30), converter.convert("30s"));
        assertEquals(Duration.ofSeconds(300), converter.convert("300"));
        assertEquals(Duration.ofMinutes(5), converter.convert(" 5m "));
        assertEquals(Duration.ofHours(1), converter.convert("1h"));
        assertEquals(Duration.ofDays(3), converter.convert("3d"));
        assertEquals(Duration.ofSeconds(90), converter.convert("PT1M30S"));
    }

    @Test
    void refusesWhatIsNoDuration() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> converter.convert("soon"));
        assertEquals("not a duration: 'soon' (use e.g. 250ms, 30s, 5m, 1h, 3d or PT30S)", e.getMessage());
    }
}
