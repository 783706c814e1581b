package io.billhook.calls.entity;

import io.billhook.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A Stripe meter error report ({@code v1.billing.meter.error_report_triggered}): meter events Stripe took and then
 * rejected. It counts them all and names a sample of each kind by the identifier they were sent with; the usage
 * records among those are the ones it names.
 */
public record MeterErrorReport(long errors, String summary, List<String> codes, Set<Long> usageIds) {

    public MeterErrorReport {
        codes = List.copyOf(codes);
        usageIds = Set.copyOf(usageIds);
    }

    /** The report in the full event's JSON ({@code GET /v2/core/events/{id}}); usage identifiers begin with {@code prefix}. */
    public static MeterErrorReport of(String event, String prefix) {
        JsonObject data;
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(event))) {
            data = reader.readObject().getJsonObject("data");
        }
        if (data == null) {
            throw new IllegalArgumentException("the meter error report has no data");
        }
        JsonObject reason = data.get("reason") instanceof JsonObject r ? r : JsonValue.EMPTY_JSON_OBJECT;
        List<String> codes = new ArrayList<>();
        Set<Long> usageIds = new LinkedHashSet<>();
        JsonArray types = reason.get("error_types") instanceof JsonArray t ? t : JsonValue.EMPTY_JSON_ARRAY;
        for (JsonValue type : types) {
            JsonObject errorType = type.asJsonObject();
            String code = errorType.getString("code", "unknown");
            codes.add(code);
            JsonArray samples = errorType.get("sample_errors") instanceof JsonArray s ? s : JsonValue.EMPTY_JSON_ARRAY;
            for (JsonValue sample : samples) {
                JsonObject request = sample.asJsonObject().get("request") instanceof JsonObject r ? r : null;
                String identifier = request == null ? null : request.getString("identifier", null);
                if (identifier != null && identifier.startsWith(prefix)) {
                    try {
                        usageIds.add(Long.parseLong(identifier.substring(prefix.length())));
                    } catch (NumberFormatException notOurs) {
                        // a meter event of another sender on the same meter
                    }
                }
            }
        }
        long errors = reason.get("error_count") instanceof jakarta.json.JsonNumber count ? count.longValue() : usageIds.size();
        return new MeterErrorReport(errors, data.getString("developer_message_summary", ""), codes, usageIds);
    }
}
