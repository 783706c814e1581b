package it;

import static it.Billhook.await;
import static it.Billhook.freshEventId;
import static it.Billhook.postStripe;
import static it.Billhook.read;
import static it.Billhook.status;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The customer → company link follows event time like the other mirrors: an older customer event does not move
 * it, a newer one does (and is alerted), and a checkout's browser-chosen client_reference_id never moves it.
 */
class CustomerLinkIT {

    @Test
    void theLinkFollowsEventTimeAndABrowserChosenReferenceNeverMovesIt() {
        String customer = "cus_link" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        long created = 1_790_000_000L;
        apply(customerEvent(customer, created, "17"));
        assertEquals("17", companyOf(customer));

        apply(customerEvent(customer, created - 100, "18"));
        assertEquals("17", companyOf(customer), "an older customer event does not move the link");

        apply(customerEvent(customer, created + 100, "18"));
        assertEquals("18", companyOf(customer), "a newer one does");

        String checkout = checkoutEvent(customer, created + 200, "19");
        apply(checkout);
        assertEquals("18", companyOf(customer), "a client_reference_id does not move a linked customer");
    }

    private static void apply(String event) {
        String id = Json.createReader(new StringReader(event)).readObject().getString("id");
        assertEquals(200, postStripe(event.getBytes(StandardCharsets.UTF_8)).statusCode());
        await(id + " applied", () -> "PROCESSED".equals(status(id)));
    }

    private static String companyOf(String customer) {
        return Billhook.queryString("SELECT company_id::text FROM stripe_customer WHERE stripe_customer_id = ?", customer);
    }

    private static String customerEvent(String customer, long created, String company) {
        JsonObject corpus = corpus("customer.created.json");
        JsonObject object = corpus.getJsonObject("data").getJsonObject("object");
        return event(corpus, created, with(object, Map.of("id", customer,
                "metadata", Json.createObjectBuilder().add("company_id", company).build())));
    }

    private static String checkoutEvent(String customer, long created, String clientReference) {
        JsonObject corpus = corpus("checkout.session.completed.json");
        JsonObject object = corpus.getJsonObject("data").getJsonObject("object");
        return event(corpus, created, with(object, Map.of("customer", Json.createValue(customer),
                "client_reference_id", Json.createValue(clientReference), "status", Json.createValue("complete"),
                "metadata", Json.createObjectBuilder().build())));
    }

    private static JsonObject corpus(String file) {
        return Json.createReader(new StringReader(new String(read(Billhook.EVENTS.resolve(file)), StandardCharsets.UTF_8)))
                .readObject();
    }

    private static JsonObject with(JsonObject object, Map<String, Object> fields) {
        JsonObjectBuilder changed = Json.createObjectBuilder(object);
        fields.forEach((name, value) -> {
            if (value instanceof String text) {
                changed.add(name, text);
            } else {
                changed.add(name, (jakarta.json.JsonValue) value);
            }
        });
        return changed.build();
    }

    private static String event(JsonObject corpus, long created, JsonObject object) {
        return Json.createObjectBuilder(corpus).add("id", freshEventId()).add("created", created)
                .add("data", Json.createObjectBuilder(corpus.getJsonObject("data")).add("object", object)).build().toString();
    }
}
