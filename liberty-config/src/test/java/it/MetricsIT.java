package it;

import static it.Billhook.freshEventId;
import static it.Billhook.postStripe;
import static it.Billhook.read;
import static it.Billhook.withFreshId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus metrics: the ingest counters move by exactly what this test sends, every series the alert rules and
 * the dashboard of deploy/ ask for is published, and no gauge stands for "unknown" with a number.
 */
class MetricsIT {

    private static final Path DEPLOY = Path.of(System.getProperty("billhook.deploy.dir", "../deploy"));
    private static final Pattern SERIES = Pattern.compile("\\b((?:billhook|ft)_[a-z_]+)\\b");

    @Test
    void receivedDuplicateAndRejectedCountersCountExactly() {
        double received = counter("billhook_webhooks_received_total", "");
        double duplicates = counter("billhook_webhooks_duplicates_total", "");
        double rejected = counter("billhook_webhooks_rejected_total", "reason=\"invalid-signature\"");

        byte[] first = withFreshId(read(Billhook.EVENTS.resolve("product.created.json")), freshEventId());
        assertEquals(200, postStripe(first).statusCode());
        assertEquals(200, postStripe(withFreshId(first, freshEventId())).statusCode());
        assertEquals(200, postStripe(first).statusCode());
        assertEquals(400, postStripe(first, forged(first), "application/json").statusCode());

        assertEquals(received + 2, counter("billhook_webhooks_received_total", ""));
        assertEquals(duplicates + 1, counter("billhook_webhooks_duplicates_total", ""));
        assertEquals(rejected + 1, counter("billhook_webhooks_rejected_total", "reason=\"invalid-signature\""));
    }

    @Test
    void everySeriesTheAlertRulesAndTheDashboardAskForIsPublished() throws IOException {
        everyKindOfActivity();
        assertEquals(200, Billhook.send("POST", "/api/admin/retention/runs", Billhook.OPERATOR).statusCode());
        String metrics = Billhook.get("/metrics").body();

        Set<String> asked = new TreeSet<>();
        for (Path file : List.of(DEPLOY.resolve("prometheus/billhook-alerts.yml"), DEPLOY.resolve("grafana/billhook-dashboard.json"))) {
            Matcher series = SERIES.matcher(Files.readString(file));
            while (series.find()) {
                asked.add(series.group(1));
            }
        }
        assertTrue(asked.size() > 10, () -> "the rules and the dashboard name only " + asked);
        Set<String> missing = new TreeSet<>();
        for (String name : asked) {
            if (!Pattern.compile("(?m)^" + name + "\\{").matcher(metrics).find()) {
                missing.add(name);
            }
        }
        assertEquals(Set.of(), missing, "series the rules or the dashboard ask for that /metrics does not publish");
    }

    @Test
    void theGaugesOfEventsNotDoneAreByStatusAndLaneAndNeverMinusOne() {
        everyKindOfActivity();
        String metrics = Billhook.get("/metrics?scope=application").body();
        for (String status : List.of("received", "retrying", "quarantined", "failed")) {
            assertTrue(Pattern.compile("(?m)^billhook_events\\{[^}]*status=\"" + status + "\"[^}]*\\} [0-9.E]+$").matcher(metrics).find(),
                    () -> "no billhook_events{status=\"" + status + "\"}");
        }
        for (String lane : List.of("high", "medium", "low")) {
            assertTrue(Pattern.compile("(?m)^billhook_oldest_waiting_age_seconds\\{[^}]*lane=\"" + lane + "\"").matcher(metrics).find(),
                    () -> "no billhook_oldest_waiting_age_seconds{lane=\"" + lane + "\"}");
        }
        assertTrue(Pattern.compile("(?m)^billhook_processing_duration_seconds_bucket\\{[^}]*le=\"0.025\"").matcher(metrics).find(),
                "the processing time is a histogram with buckets");
        assertTrue(Pattern.compile("(?m)^billhook_ready\\{[^}]*\\} 1(\\.0)?$").matcher(metrics).find(), "a ready server says so");
        List<String> minusOne = metrics.lines().filter(line -> line.startsWith("billhook_") && line.endsWith(" -1.0")).toList();
        assertEquals(List.of(), minusOne);
    }

    /**
     * An event processed, a duplicate, and a burst of deliveries whose signatures do not match (an alert at the test
     * server's 5 a minute), so that every series exists whatever ran before.
     */
    private static void everyKindOfActivity() {
        String eventId = freshEventId();
        byte[] event = withFreshId(read(Billhook.EVENTS.resolve("product.created.json")), eventId);
        assertEquals(200, postStripe(event).statusCode());
        assertEquals(200, postStripe(event).statusCode(), "a duplicate");
        for (int i = 0; i < 5; i++) {
            assertEquals(400, postStripe(event, forged(event), "application/json").statusCode());
        }
        Billhook.await("processed", () -> Billhook.finished(eventId));
    }

    /** A well-formed signature under another secret: invalid-signature. */
    private static String forged(byte[] body) {
        return Billhook.signature(body, java.time.Instant.now().getEpochSecond(), "whsec_not_the_endpoints");
    }

    private static double counter(String name, String label) {
        String metrics = Billhook.get("/metrics?scope=application").body();
        Matcher line = Pattern.compile("^" + name + "\\{[^}]*provider=\"stripe\"[^}]*" + Pattern.quote(label) + "[^}]*\\} (\\S+)$",
                Pattern.MULTILINE).matcher(metrics);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}
