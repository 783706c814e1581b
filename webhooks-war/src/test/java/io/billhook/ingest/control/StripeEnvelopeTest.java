package io.billhook.ingest.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class StripeEnvelopeTest {

    static final Path CORPUS = Path.of(System.getProperty("billhook.stripe.events", "../../shared/stripe-events"));

    @Test
    void readsIdTypeAndApiVersionOfEveryCorpusEvent() throws IOException {
        List<Path> files;
        try (Stream<Path> list = Files.list(CORPUS)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        assertTrue(files.size() >= 50, "the Stripe event corpus is missing at " + CORPUS.toAbsolutePath());
        for (Path file : files) {
            StripeEnvelope envelope = StripeEnvelope.read(Files.readAllBytes(file));
            String type = file.getFileName().toString().replaceFirst("\\.json$", "");
            assertEquals(type, envelope.type(), file.toString());
            assertTrue(envelope.id().startsWith("evt_"), file.toString());
            assertEquals("2026-07-29.dahlia", envelope.apiVersion());
        }
    }

    @Test
    void acceptsANullApiVersion() {
        assertNull(read("{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"x.y\",\"api_version\":null}").apiVersion());
    }

    @Test
    void rejectsWhatIsNotAJsonStripeEvent() {
        for (String body : List.of("", "not json", "[1,2]", "\"evt\"", "{\"id\":\"evt_1\",\"object\":\"event\"",
                "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"a.b\"} trailing",
                "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"a.b\",\"data\":{\"object\":{\"x\":}}}",
                "{\"id\":\"evt_1\",\"object\":\"customer\",\"type\":\"a.b\"}",
                "{\"object\":\"event\",\"type\":\"a.b\"}",
                "{\"id\":\"evt_1\",\"object\":\"event\"}",
                "{\"id\":42,\"object\":\"event\",\"type\":\"a.b\"}")) {
            WebhookRejected rejected = assertThrows(WebhookRejected.class, () -> read(body), body);
            assertEquals("invalid-event", rejected.reason(), body);
            assertEquals(400, rejected.status());
        }
    }

    private static StripeEnvelope read(String body) {
        return StripeEnvelope.read(body.getBytes(StandardCharsets.UTF_8));
    }
}
