package it;

import static it.Billhook.await;
import static it.Billhook.count;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Under a burst acknowledging comes first: while deliveries arrive at the burst rate or more (200 a second), the
 * wake-ups of medium- and low-lane events are held back (the gauge {@code billhook_wakeups_held}) and sent once the
 * burst is over; a high-lane event is processed at once even then; and every acknowledged event is processed exactly
 * once afterwards.
 */
class IngestFirstIT {

    private static final Pattern HELD = Pattern.compile("(?m)^billhook_wakeups_held\\{[^}]*} ([0-9.]+)");

    @Test
    void aBurstIsAcknowledgedFirstAndProcessedOnceItIsOverWhileCallsAreProcessedAtOnce() throws Exception {
        Burst burst = new Burst(Billhook.BASE, 32);
        double firstHeld = 0;
        String callId = "call_ingest_first_" + UUID.randomUUID();
        try {
            burst.awaitAcknowledged(200);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (firstHeld <= 0 && System.nanoTime() < deadline) {
                firstHeld = held();
                Thread.sleep(20);
            }
            assertTrue(firstHeld > 0, "32 clients delivering at once made the inbox hold wake-ups back");
            assertEquals(200, Billhook.postRetell(ProviderWebhooksIT.retellEvent("call_ended", callId,
                    "inbound", "+15555550100", "+15555550199", 1000)).statusCode());
            // no company owns the number: handled means quarantined, which is the consumer's work done
            await("the call handled during the burst", () -> count("SELECT count(*) FROM webhook_event"
                    + " WHERE provider = 'retell' AND provider_event_id = ? AND status <> 'RECEIVED'",
                    callId + ":call_ended") == 1, 15);
        } finally {
            burst.stop();
        }
        System.out.printf("burst of 32 clients: %d acknowledged, %.0f wake-ups held when first seen%n",
                burst.acknowledged.size(), firstHeld);
        burst.awaitExactlyOnce("after the burst");
        await("nothing held once the burst is over", () -> held() == 0, 10);
    }

    private static double held() {
        Matcher held = HELD.matcher(Billhook.get("/metrics?scope=application").body());
        return held.find() ? Double.parseDouble(held.group(1)) : -1;
    }
}
