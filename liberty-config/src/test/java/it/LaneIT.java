package it;

import static it.Billhook.await;
import static it.Billhook.count;
import static it.Billhook.freshEventId;
import static it.Billhook.postStripe;
import static it.Billhook.read;
import static it.Billhook.withFreshId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A backlog of low-lane events does not hold up the events of a higher lane. The consumer is paused
 * with Liberty's own {@code server pause} while the backlog is built, then resumed.
 */
class LaneIT {

    static final String CONSUMER = "billhook#billing-ejb.jar#WebhookEventConsumer";
    private static final int BACKLOG = 300;
    private static final int URGENT = 10;

    @Test
    void higherLaneEventsOvertakeALowLaneBacklog() throws Exception {
        List<String> low = new ArrayList<>();
        List<String> medium = new ArrayList<>();
        server("pause");
        try {
            post(low, "product.created.json", BACKLOG);     // low lane
            post(medium, "customer.updated.json", URGENT);   // medium lane, posted after the whole backlog
            assertEquals(0, processed(low) + processed(medium), "the consumer is paused");
        } finally {
            server("resume");
        }
        await("the medium-lane events processed", () -> processed(medium) == URGENT);
        long lowDoneBeforeMedium = processed(low);
        assertTrue(lowDoneBeforeMedium < BACKLOG / 2,
                "only " + lowDoneBeforeMedium + " of the " + BACKLOG + " earlier low-lane events may go first");
        await("the backlog drained", () -> processed(low) == BACKLOG);
    }

    @Test
    void retellEventsOvertakeAStripeBacklog() throws Exception {
        List<String> low = new ArrayList<>();
        List<String> calls = new ArrayList<>();
        server("pause");
        try {
            post(low, "product.created.json", BACKLOG);
            for (int i = 0; i < URGENT; i++) {
                String callId = "call_lane_" + java.util.UUID.randomUUID();
                calls.add(callId + ":call_ended");
                // no company owns the number: applied means quarantined, which is also the consumer's work done
                assertEquals(200, Billhook.postRetell(ProviderWebhooksIT.retellEvent("call_ended", callId, "inbound",
                        "+15555550100", "+15555550199", 1000)).statusCode());
            }
        } finally {
            server("resume");
        }
        await("the Retell events handled", () -> count("SELECT count(*) FROM webhook_event WHERE provider_event_id = ANY (?)"
                + " AND status <> 'RECEIVED'", (Object) calls.toArray(String[]::new)) == URGENT);
        long lowDone = processed(low);
        assertTrue(lowDone < BACKLOG / 2, "only " + lowDone + " of the " + BACKLOG + " earlier Stripe events may go first");
        await("the backlog drained", () -> processed(low) == BACKLOG);
    }

    private static void post(List<String> ids, String file, int times) throws InterruptedException {
        byte[] template = read(Billhook.EVENTS.resolve(file));
        ExecutorService senders = Executors.newFixedThreadPool(8);
        for (int i = 0; i < times; i++) {
            String id = freshEventId();
            ids.add(id);
            senders.submit(() -> assertEquals(200, postStripe(withFreshId(template, id)).statusCode()));
        }
        senders.shutdown();
        assertTrue(senders.awaitTermination(60, TimeUnit.SECONDS));
        assertEquals(times, count("SELECT count(*) FROM webhook_event WHERE provider_event_id = ANY (?)",
                (Object) ids.toArray(String[]::new)));
    }

    private static long processed(List<String> ids) {
        return count("SELECT count(*) FROM webhook_event WHERE provider_event_id = ANY (?) AND status IN ('PROCESSED', 'IGNORED')",
                (Object) ids.toArray(String[]::new));
    }

    /** Liberty's pause/resume of one inbound component, as an operator would run it. */
    static void server(String action) throws Exception {
        Path serverDir = Path.of(System.getProperty("billhook.server.dir"));
        Path command = serverDir.resolve("../../../bin/server").normalize();
        Process process = new ProcessBuilder(command.toString(), action, serverDir.getFileName().toString(),
                "--target=" + CONSUMER).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertTrue(output.contains("completed"), action + ": " + output);
    }
}
