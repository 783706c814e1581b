package io.billhook.retention.entity;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Masks the personal data in a provider's payload: whatever a field that names a person, an address, an e-mail
 * address or a phone number, or a call's transcript and recording, holds becomes {@value #MASK}. Ids, amounts,
 * currencies, statuses and times stay, so the event can still be read and counted.
 */
public final class PersonalData {

    public static final String MASK = "[redacted]";

    /** Stripe (customer, invoice, charge, payment method), Retell (call) and Cal.com (booking) field names. */
    private static final Set<String> FIELDS = Set.of(
            "name", "first_name", "last_name", "full_name", "firstname", "lastname", "display_name",
            "address", "shipping", "billing_details", "customer_address", "customer_shipping", "customer_name",
            "line1", "line2", "postal_code", "tax_ids", "customer_tax_ids",
            "transcript", "transcript_object", "transcript_with_tool_calls", "recording_url",
            "public_log_url", "call_summary", "attendees", "organizer", "responses", "userfieldsresponses",
            "from_number", "to_number");

    private PersonalData() {
    }

    public static String masked(String json) {
        JsonElement root = JsonParser.parseString(json);
        mask(root);
        return root.toString();
    }

    static boolean personal(String field) {
        String name = field.toLowerCase(Locale.ROOT);
        return FIELDS.contains(name) || name.contains("email") || name.contains("phone");
    }

    private static void mask(JsonElement element) {
        if (element instanceof JsonObject object) {
            for (Map.Entry<String, JsonElement> field : object.entrySet()) {
                if (personal(field.getKey()) && !field.getValue().isJsonNull()) {
                    field.setValue(new JsonPrimitive(MASK));
                } else {
                    mask(field.getValue());
                }
            }
        } else if (element instanceof JsonArray array) {
            array.forEach(PersonalData::mask);
        }
    }
}
