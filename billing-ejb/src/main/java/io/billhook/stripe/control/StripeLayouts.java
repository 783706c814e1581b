package io.billhook.stripe.control;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.List;

/**
 * Objects of an API version before 2025-03-31.basil, the last version that moved fields the handlers read, written
 * into today's layout before stripe-java reads them (its own compatibility hook), so that the handlers read one
 * layout: a subscription's current period moved onto its items, and the subscription an invoice and its lines bill
 * moved under their {@code parent}. Objects of later versions are not touched, nor copied.
 */
public final class StripeLayouts {

    /** The first API version of today's layout of those fields. */
    static final String BASIL = "2025-03-31";

    private StripeLayouts() {
    }

    public static boolean beforeBasil(String apiVersion) {
        return apiVersion != null && apiVersion.compareTo(BASIL) < 0;
    }

    /** {@code object} in today's layout (rewritten in place) when {@code apiVersion} is before basil. */
    public static JsonObject current(JsonObject object, String apiVersion) {
        if (!beforeBasil(apiVersion)) {
            return object;
        }
        String kind = text(object.get("object"));
        if ("subscription".equals(kind)) {
            subscription(object);
        } else if ("invoice".equals(kind)) {
            invoice(object);
        }
        return object;
    }

    private static void subscription(JsonObject subscription) {
        for (JsonObject item : data(subscription.get("items"))) {
            for (String field : new String[] {"current_period_start", "current_period_end"}) {
                if (isAbsent(item.get(field)) && !isAbsent(subscription.get(field))) {
                    item.add(field, subscription.get(field));
                }
            }
        }
    }

    private static void invoice(JsonObject invoice) {
        String subscription = id(invoice.get("subscription"));
        if (isAbsent(invoice.get("parent")) && subscription != null) {
            JsonObject details = new JsonObject();
            details.addProperty("subscription", subscription);
            JsonObject parent = new JsonObject();
            parent.addProperty("type", "subscription_details");
            parent.add("subscription_details", details);
            invoice.add("parent", parent);
        }
        for (JsonObject line : data(invoice.get("lines"))) {
            String lineSubscription = id(line.get("subscription"));
            if (isAbsent(line.get("parent")) && lineSubscription != null) {
                JsonObject details = new JsonObject();
                details.addProperty("subscription", lineSubscription);
                if (id(line.get("subscription_item")) != null) {
                    details.addProperty("subscription_item", id(line.get("subscription_item")));
                }
                JsonObject parent = new JsonObject();
                parent.addProperty("type", "subscription_item_details");
                parent.add("subscription_item_details", details);
                line.add("parent", parent);
            }
        }
    }

    /** The objects of a list ({@code {"object":"list","data":[…]}}), none when it is absent. */
    private static Iterable<JsonObject> data(JsonElement list) {
        if (list == null || !list.isJsonObject() || !(list.getAsJsonObject().get("data") instanceof JsonArray data)) {
            return List.of();
        }
        List<JsonObject> objects = new ArrayList<>();
        data.forEach(element -> {
            if (element.isJsonObject()) {
                objects.add(element.getAsJsonObject());
            }
        });
        return objects;
    }

    /** An id, or an expanded object's. */
    private static String id(JsonElement value) {
        if (value != null && value.isJsonObject()) {
            return text(value.getAsJsonObject().get("id"));
        }
        return text(value);
    }

    private static String text(JsonElement value) {
        return value != null && value.isJsonPrimitive() && value.getAsJsonPrimitive().isString() ? value.getAsString() : null;
    }

    private static boolean isAbsent(JsonElement value) {
        return value == null || value.isJsonNull();
    }
}
