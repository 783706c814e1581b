package io.billhook.inbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class WakeupMessageTest {

    @Test
    void idsTravelAsCommaSeparatedText() {
        assertEquals("7,8,1234567890123", WakeupMessage.body(List.of(7L, 8L, 1234567890123L)));
        assertEquals(List.of(7L, 8L, 1234567890123L), WakeupMessage.ids("7,8,1234567890123"));
        assertEquals(List.of(42L), WakeupMessage.ids("42"));
    }

    @Test
    void refusesWhatIsNoListOfIds() {
        assertThrows(IllegalArgumentException.class, () -> WakeupMessage.ids(""));
        assertThrows(IllegalArgumentException.class, () -> WakeupMessage.ids("7,x"));
        assertThrows(IllegalArgumentException.class, () -> WakeupMessage.ids(null));
    }

    @Test
    void correlationIdsFollowTheIdsByPosition() {
        assertEquals(List.of("a", "b"), WakeupMessage.correlationIds("a,b", 2));
        assertEquals(java.util.Arrays.asList("a", null, null), WakeupMessage.correlationIds("a,", 3));
        assertEquals(java.util.Arrays.asList((String) null), WakeupMessage.correlationIds(null, 1));
    }
}
