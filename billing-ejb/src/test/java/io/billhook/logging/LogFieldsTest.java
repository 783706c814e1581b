package io.billhook.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.ibm.websphere.logging.hpel.LogRecordContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LogFieldsTest {

    @Test
    void fieldsAreOpenOnlyInsideTheBlock() {
        try (LogFields fields = LogFields.with(Map.of("correlation_id", "c-1", "webhook_event_id", 42L))) {
            assertEquals(Map.of("correlation_id", "c-1", "webhook_event_id", "42"), open());
        }
        assertEquals(Map.of(), open());
    }

    @Test
    void anInnerBlockRestoresTheOuterValue() {
        try (LogFields outer = LogFields.with("correlation_id", "outer")) {
            try (LogFields inner = LogFields.with("correlation_id", "inner")) {
                assertEquals("inner", open().get("correlation_id"));
            }
            assertEquals("outer", open().get("correlation_id"));
        }
        assertEquals(Map.of(), open());
    }

    @Test
    void nullValuesAreLeftOut() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("failure_code", null);
        fields.put("charge_id", "ch_1");
        try (LogFields open = LogFields.with(fields)) {
            assertEquals(Map.of("charge_id", "ch_1"), open());
        }
    }

    private static Map<String, String> open() {
        Map<String, String> open = new HashMap<>();
        LogRecordContext.getExtensions(open);
        open.remove(LogRecordContext.PTHREADID);
        return open;
    }
}
