package io.billhook.stripe.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.stripe.model.Customer;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.StripeObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StripePayloadsTest {

    static final Path CORPUS = Path.of(System.getProperty("billhook.stripe.events", "../../shared/stripe-events"));

    static List<Path> corpus() throws IOException {
        try (Stream<Path> files = Files.walk(CORPUS)) {
            List<Path> events = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
            assertTrue(events.size() >= 60, "the Stripe event corpus is missing at " + CORPUS.toAbsolutePath());
            return events;
        }
    }

    @Test
    void everyCorpusEventParsesIntoItsTypedObject() throws IOException {
        for (Path file : corpus()) {
            Event event = StripePayloads.event(Files.readString(file));
            assertTrue(file.getFileName().toString().endsWith(event.getType() + ".json"), file.toString());
            StripeObject object = StripePayloads.object(event, StripeObject.class);
            assertNotNull(object, file.toString());
            assertTrue(!object.getClass().equals(StripeObject.class), file + " read as an untyped object");
        }
    }

    @Test
    void anEventOfAnotherApiVersionIsStillRead() throws IOException {
        String payload = Files.readString(CORPUS.resolve("invoice.finalized.json"))
                .replace("\"2026-07-29.dahlia\"", "\"2024-06-20\"");
        Event event = StripePayloads.event(payload);
        assertEquals("2024-06-20", event.getApiVersion());
        assertTrue(event.getDataObjectDeserializer().getObject().isEmpty(),
                "stripe-java refuses the typed object of another version; we must not depend on it");
        Invoice invoice = StripePayloads.object(event, Invoice.class);
        assertTrue(invoice.getId().startsWith("in_"));
    }

    @Test
    void aPayloadThatContradictsItsTypeIsAPermanentFailure() throws IOException {
        Event invoiceEvent = StripePayloads.event(Files.readString(CORPUS.resolve("invoice.finalized.json")));
        IllegalArgumentException wrongType = assertThrows(IllegalArgumentException.class,
                () -> StripePayloads.object(invoiceEvent, Customer.class));
        assertTrue(wrongType.getMessage().contains("not a Customer"), wrongType.getMessage());
        assertThrows(IllegalArgumentException.class, () -> StripePayloads.event("{\"object\":\"event\"}"));
        assertThrows(IllegalArgumentException.class, () -> StripePayloads.event("{not json"));
    }
}
