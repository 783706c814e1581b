package io.billhook.ingest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CorrelationIdTest {

    @Test
    void keepsAPlainTokenFromTheCaller() {
        assertEquals("req-42.abc:def_1", CorrelationId.of("req-42.abc:def_1"));
    }

    @Test
    void replacesAnythingElseWithANewId() {
        for (String offered : new String[] {null, "", "has space", "x".repeat(65), "line\nbreak", "<script>"}) {
            String id = CorrelationId.of(offered);
            assertNotEquals(offered, id);
            assertTrue(id.matches("[0-9a-f-]{36}"), id);
        }
    }
}
