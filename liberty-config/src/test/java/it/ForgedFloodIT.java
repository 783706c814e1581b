package it;

import static it.Billhook.await;
import static it.Billhook.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * A flood of forged requests costs the database one batch a second, not a row each: every refusal is counted,
 * a bounded sample is kept one by one, and the log gets the first few lines a minute. (The system tests keep
 * 200 samples of a kind a minute; the flood is five times that.)
 */
class ForgedFloodIT {

    private static final int FLOOD = 1_000;
    private static final int SAMPLES_PER_MINUTE = 200;
    private static final Path MESSAGES = Path.of(System.getProperty("billhook.server.dir", "target/liberty/wlp/usr/servers/billhook"),
            "logs", "messages.log");

    @Test
    void aFloodOfForgedRequestsIsCountedInFullSampledBoundedlyAndLoggedInAFewLines() throws Exception {
        String flood = "it-flood-" + UUID.randomUUID();
        byte[] body = ProviderWebhooksIT.retellEvent("call_ended", "call_" + flood, "inbound", "+15555550100",
                "+15555550101", 1000);
        long countedBefore = counted();
        ExecutorService senders = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < FLOOD; i++) {
                String correlationId = flood + "-" + i;
                // a signature made under another key: refused as invalid-signature
                answers.add(senders.submit(() -> Billhook.post("/webhooks/retell", body, Map.of(
                        "x-retell-signature", Billhook.retellSignature(body, System.currentTimeMillis(), "forger"),
                        "X-Correlation-ID", correlationId)).statusCode()));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(400, answer.get().intValue());
            }
        } finally {
            senders.shutdown();
        }
        await("every forged request is counted", () -> counted() - countedBefore >= FLOOD, 15);
        assertEquals(FLOOD, counted() - countedBefore, "each is counted once");
        long sampled = count("SELECT count(*) FROM webhook_rejection WHERE correlation_id LIKE ?", flood + "-%");
        assertTrue(sampled >= 1 && sampled <= 2 * SAMPLES_PER_MINUTE,
                sampled + " of " + FLOOD + " kept one by one: at most the sample of the minute or two the flood took");
        long logged = Files.readAllLines(MESSAGES).stream().filter(line -> line.contains(flood)).count();
        assertTrue(logged <= 10, logged + " log lines for " + FLOOD + " refusals: the first five a minute");
        assertEquals(0, count("SELECT count(*) FROM webhook_event WHERE provider_event_id LIKE ?", "%" + flood + "%"),
                "nothing forged is stored");
    }

    private static long counted() {
        return count("SELECT coalesce(sum(rejections), 0) FROM webhook_rejection_count"
                + " WHERE provider = 'retell' AND reason = 'invalid-signature'");
    }
}
