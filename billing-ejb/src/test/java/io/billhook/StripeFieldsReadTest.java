package io.billhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.billhook.billing.control.StripeInvoiceEvents;
import io.billhook.billing.control.StripeSubscriptionEvents;
import io.billhook.handling.entity.EventType;
import io.billhook.payments.control.StripePaymentEvents;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The fields each Stripe handler declares it reads are in every corpus event of its types (the API version the
 * corpus is rendered in): a declaration that names a field the current version lacks would warn on every event.
 */
class StripeFieldsReadTest {

    static final Path CORPUS = Path.of(System.getProperty("billhook.stripe.events", "../../shared/stripe-events"));

    @Test
    void everyCorpusEventCarriesTheFieldsItsHandlerReads() throws IOException {
        Map<String, Set<String>> reads = Stream.of(new StripeInvoiceEvents(), new StripeSubscriptionEvents(),
                        new StripePaymentEvents())
                .flatMap(handler -> handler.handles().stream())
                .filter(type -> !type.reads().isEmpty())
                .collect(Collectors.toMap(EventType::name, EventType::reads));
        assertTrue(reads.size() >= 20, "the invoice, subscription and charge types declare what they read: " + reads.keySet());
        Set<String> checked = new TreeSet<>();
        try (Stream<Path> files = Files.walk(CORPUS)) {
            for (Path file : files.filter(path -> path.toString().endsWith(".json")).sorted().toList()) {
                JsonObject event = Json.createReader(new StringReader(Files.readString(file))).readObject();
                Set<String> declared = reads.get(event.getString("type", ""));
                if (declared == null) {
                    continue;
                }
                Set<String> missing = new TreeSet<>(declared);
                missing.removeAll(event.getJsonObject("data").getJsonObject("object").keySet());
                assertEquals(Set.of(), missing, file + " lacks fields its handler reads");
                checked.add(event.getString("type"));
            }
        }
        assertTrue(checked.size() >= 20, "corpus events checked: " + checked);
    }
}
