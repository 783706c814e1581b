package io.billhook.logging;

import com.ibm.websphere.logging.hpel.LogRecordContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Structured fields on every log record the current thread writes while it is open: Liberty's JSON
 * logging shows each as {@code ext_<name>}. Used with try-with-resources; closing restores what the
 * thread had before, so a pooled thread never carries one event's fields into the next.
 */
public final class LogFields implements AutoCloseable {

    /** The fields this instance set, with the value each had before (null: none). */
    private final Map<String, String> replaced = new LinkedHashMap<>();

    private LogFields() {
    }

    /** Sets the non-null values of {@code fields}. */
    public static LogFields with(Map<String, ?> fields) {
        Map<String, String> open = new HashMap<>();
        LogRecordContext.getExtensions(open);
        LogFields opened = new LogFields();
        fields.forEach((name, value) -> {
            if (value != null) {
                opened.replaced.put(name, open.get(name));
                LogRecordContext.addExtension(name, value.toString());
            }
        });
        return opened;
    }

    public static LogFields with(String name, Object value) {
        return with(value == null ? Map.of() : Map.of(name, value));
    }

    @Override
    public void close() {
        replaced.forEach((name, before) -> {
            if (before == null) {
                LogRecordContext.removeExtension(name);
            } else {
                LogRecordContext.addExtension(name, before);
            }
        });
    }
}
