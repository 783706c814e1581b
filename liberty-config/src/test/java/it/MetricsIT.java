package it;

import static it.Billhook.freshEventId;
import static it.Billhook.postStripe;
import static it.Billhook.read;
import static it.Billhook.withFreshId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Prometheus counters of the ingest side move by exactly what this test sends. */
class MetricsIT {

    @Test
    void receivedDuplicateAndRejectedCountersCountExactly() {
        double received = counter("webhooks_received_total");
        double duplicates = counter("webhooks_duplicates_total");
        double rejected = counter("webhooks_rejected_total");

        byte[] first = withFreshId(read(Billhook.EVENTS.resolve("product.created.json")), freshEventId());
        assertEquals(200, postStripe(first).statusCode());
        assertEquals(200, postStripe(withFreshId(first, freshEventId())).statusCode());
        assertEquals(200, postStripe(first).statusCode());
        assertEquals(400, postStripe(first, "t=1,v1=00", "application/json").statusCode());

        assertEquals(received + 2, counter("webhooks_received_total"));
        assertEquals(duplicates + 1, counter("webhooks_duplicates_total"));
        assertEquals(rejected + 1, counter("webhooks_rejected_total"));
        String metrics = Billhook.get("/metrics").body();
        assertTrue(metrics.contains("\nwebhooks_backlog{"), "the backlog gauge is published under its own name");
        assertTrue(metrics.contains("\nwebhooks_oldest_waiting_age_seconds{"), "the oldest-waiting gauge is published under its own name");
    }

    private static double counter(String name) {
        String metrics = Billhook.get("/metrics?scope=application").body();
        Matcher line = Pattern.compile("^" + name + "\\{[^}]*provider=\"stripe\"[^}]*\\} (\\S+)$", Pattern.MULTILINE)
                .matcher(metrics);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}
