package io.billhook.inbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
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
    void propertiesFollowTheIdsByPosition() {
        assertEquals(List.of("a", "b"), WakeupMessage.perId("a,b", 2));
        assertEquals(Arrays.asList("a", null, null), WakeupMessage.perId("a,", 3));
        assertEquals(Arrays.asList((String) null), WakeupMessage.perId(null, 1));
    }

    @Test
    void aPropertyOfNothingButNullsIsLeftOut() {
        assertNull(WakeupMessage.perId(Arrays.<String>asList(null, null), v -> v));
        String written = WakeupMessage.perId(Arrays.asList("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null,
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"), v -> v);
        assertEquals(Arrays.asList("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", null,
                "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"), WakeupMessage.perId(written, 3));
    }
}
