package io.billhook.billing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.InvoiceLineItem;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import io.billhook.stripe.control.StripePayloads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The handlers read the corpus rendered in the layout before 2025-03-31.basil as they read it in today's: every
 * invoice and subscription event of the corpus, with the fields basil moved put back where they were, gives the same
 * state to mirror.
 */
class PreviousLayoutTest {

    static final Path CORPUS = Path.of(System.getProperty("billhook.stripe.events", "../../shared/stripe-events"));

    @Test
    void invoicesOfThePreviousLayoutMirrorAsToday() throws IOException {
        List<Path> files = corpus("invoice.");
        assertTrue(files.size() >= 10, "invoice events in the corpus: " + files);
        int billed = 0;
        for (Path file : files) {
            String today = Files.readString(file);
            String before = previous(today);
            assertFalse(object(before).has("parent"), file + ": rendered without parent");
            Invoice now = StripePayloads.object(StripePayloads.event(today), Invoice.class);
            Invoice then = StripePayloads.object(StripePayloads.event(before), Invoice.class);
            if (now.getStatus() != null) {
                assertEquals(StripeInvoiceEvents.snapshot(now), StripeInvoiceEvents.snapshot(then), file.toString());
            }
            assertEquals(StripeInvoiceEvents.subscriptionOf(now), StripeInvoiceEvents.subscriptionOf(then), file.toString());
            Optional<InvoiceLineItem> line = StripeInvoiceEvents.billedPeriod(now);
            assertEquals(line.map(PreviousLayoutTest::billed), StripeInvoiceEvents.billedPeriod(then).map(PreviousLayoutTest::billed),
                    file.toString());
            billed += line.isPresent() ? 1 : 0;
        }
        assertTrue(billed >= 5, "invoices that bill a subscription period: " + billed);
    }

    @Test
    void subscriptionsOfThePreviousLayoutMirrorAsToday() throws IOException {
        List<Path> files = corpus("customer.subscription.");
        assertTrue(files.size() >= 5, "subscription events in the corpus: " + files);
        for (Path file : files) {
            String today = Files.readString(file);
            String before = previous(today);
            assertTrue(object(before).has("current_period_start"), file + ": the period back on the subscription");
            Subscription now = StripePayloads.object(StripePayloads.event(today), Subscription.class);
            Subscription then = StripePayloads.object(StripePayloads.event(before), Subscription.class);
            assertEquals(now.getStatus(), then.getStatus());
            assertEquals(period(now), period(then), file.toString());
            assertTrue(period(now).get(0) != null, file + ": today's has a period");
        }
    }

    private static List<Object> billed(InvoiceLineItem line) {
        return List.of(line.getParent().getSubscriptionItemDetails().getSubscription(), line.getPeriod().getStart(),
                line.getPeriod().getEnd());
    }

    private static List<Long> period(Subscription subscription) {
        SubscriptionItem first = subscription.getItems().getData().get(0);
        return java.util.Arrays.asList(first.getCurrentPeriodStart(), first.getCurrentPeriodEnd());
    }

    private static List<Path> corpus(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.filter(path -> path.getFileName().toString().startsWith(prefix)
                    && path.getFileName().toString().endsWith(".json")).sorted().toList();
        }
    }

    private static JsonObject object(String event) {
        return JsonParser.parseString(event).getAsJsonObject().getAsJsonObject("data").getAsJsonObject("object");
    }

    /** The event as an endpoint on 2024-12-18.acacia would have it: the fields basil moved where they were. */
    static String previous(String today) {
        JsonObject event = JsonParser.parseString(today).getAsJsonObject();
        event.addProperty("api_version", "2024-12-18.acacia");
        JsonObject object = event.getAsJsonObject("data").getAsJsonObject("object");
        if ("subscription".equals(object.get("object").getAsString())) {
            for (JsonObject item : data(object.get("items"))) {
                for (String field : new String[] {"current_period_start", "current_period_end"}) {
                    if (item.has(field)) {
                        object.add(field, item.remove(field));
                    }
                }
            }
        } else {
            JsonElement parent = object.remove("parent");
            if (parent != null && parent.isJsonObject() && parent.getAsJsonObject().get("subscription_details") instanceof JsonObject details) {
                object.add("subscription", details.get("subscription"));
            }
            for (JsonObject line : data(object.get("lines"))) {
                JsonElement lineParent = line.remove("parent");
                if (lineParent != null && lineParent.isJsonObject()
                        && lineParent.getAsJsonObject().get("subscription_item_details") instanceof JsonObject details) {
                    line.add("subscription", details.get("subscription"));
                    line.add("subscription_item", details.get("subscription_item"));
                }
            }
        }
        return event.toString();
    }

    private static List<JsonObject> data(JsonElement list) {
        if (list == null || !list.isJsonObject() || !list.getAsJsonObject().has("data")) {
            return List.of();
        }
        return list.getAsJsonObject().getAsJsonArray("data").asList().stream().filter(JsonElement::isJsonObject)
                .map(JsonElement::getAsJsonObject).toList();
    }
}
