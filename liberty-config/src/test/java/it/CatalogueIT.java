package it;

import static it.Billhook.VIEWER;
import static it.Billhook.await;
import static it.Billhook.freshEventId;
import static it.Billhook.postStripe;
import static it.Billhook.read;
import static it.Billhook.send;
import static it.Billhook.status;
import static it.Billhook.withFreshId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The event catalogue as operators read it, held against what the server does: an event of a type the
 * catalogue does not list is IGNORED, and one of a listed type is applied (or waits for its company).
 */
class CatalogueIT {

    @Test
    void theCatalogueListsEveryHandledTypeOfTheThreeProviders() {
        JsonArray catalogue = catalogue("");
        Map<String, Long> perProvider = catalogue.stream().map(JsonValue::asJsonObject)
                .collect(Collectors.groupingBy(entry -> entry.getString("provider"), Collectors.counting()));
        // Stripe: 51 snapshot types, and 18 thin ones (a meter error report, 11 invoice and 6 subscription forms)
        assertEquals(Map.of("stripe", 69L, "retell", 3L, "calcom", 7L), perProvider);
        assertEquals(18, catalogue.stream().map(JsonValue::asJsonObject)
                .filter(entry -> entry.getString("type").startsWith("v1.")).count());
        for (JsonValue value : catalogue) {
            JsonObject entry = value.asJsonObject();
            assertFalse(entry.getString("effect").isBlank(), entry.toString());
            assertTrue(entry.getString("handler").startsWith("io.billhook."), entry.toString());
        }
        assertEquals("MEDIUM/io.billhook.billing.control.StripeInvoiceEvents", laneAndHandler(catalogue, "invoice.paid"));
        assertEquals("LOW/io.billhook.records.control.StripeRecordEvents", laneAndHandler(catalogue, "product.created"));
        assertEquals("HIGH/io.billhook.calls.control.RetellCallEvents", laneAndHandler(catalogue, "call_ended"));
        assertEquals("HIGH/io.billhook.bookings.control.CalcomBookingEvents", laneAndHandler(catalogue, "BOOKING_CREATED"));

        JsonArray retell = catalogue("?provider=retell");
        assertEquals(Set.of("call_started", "call_ended", "call_analyzed"), types(retell));
        HttpResponse<String> unknown = send("GET", "/api/admin/catalogue?provider=paypal", VIEWER);
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"));
        assertEquals(401, send("GET", "/api/admin/catalogue", null).statusCode());
    }

    @Test
    void aCorpusEventIsIgnoredWhenItsTypeIsNotInTheCatalogue() {
        Set<String> listed = types(catalogue("?provider=stripe"));
        Map<String, String> typeById = new LinkedHashMap<>();
        for (Path file : Billhook.corpus()) {
            String id = freshEventId();
            byte[] event = withFreshId(read(file), id);
            assertEquals(200, postStripe(event).statusCode(), file.toString());
            typeById.put(id, Json.createReader(new StringReader(new String(event, java.nio.charset.StandardCharsets.UTF_8)))
                    .readObject().getString("type"));
        }
        await("every corpus event past its first attempt",
                () -> typeById.keySet().stream().noneMatch(id -> "RECEIVED".equals(status(id))));
        // a handler may have nothing to do: the corpus deletes a customer that was never linked to a company
        Set<String> handledWithoutEffect = Set.of("customer.deleted");
        typeById.forEach((id, type) -> assertEquals(!listed.contains(type) || handledWithoutEffect.contains(type),
                "IGNORED".equals(status(id)), type + " is " + status(id)));
    }

    private static JsonArray catalogue(String query) {
        HttpResponse<String> response = send("GET", "/api/admin/catalogue" + query, VIEWER);
        assertEquals(200, response.statusCode(), response.body());
        return Json.createReader(new StringReader(response.body())).readArray();
    }

    private static String laneAndHandler(JsonArray catalogue, String type) {
        JsonObject entry = catalogue.stream().map(JsonValue::asJsonObject).filter(e -> type.equals(e.getString("type")))
                .findFirst().orElseThrow();
        return entry.getString("lane") + "/" + entry.getString("handler");
    }

    private static Set<String> types(JsonArray entries) {
        return entries.stream().map(value -> value.asJsonObject().getString("type")).collect(Collectors.toSet());
    }
}
