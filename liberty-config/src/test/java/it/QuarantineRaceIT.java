package it;

import static it.Billhook.await;
import static it.Billhook.count;
import static it.Billhook.postStripe;
import static it.Billhook.read;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Stripe does not keep order: a customer's invoices and charges can arrive together with the customer.created that
 * links it to its company. Events processed before the link wait in quarantine and the link releases them. The
 * lifecycle scenario is copied into worlds of their own (own company, own Stripe ids), and every event of every world
 * is posted at once in a random order: whatever waited must be released, none may stay quarantined behind a link
 * that committed while its attempt was deciding to quarantine it.
 */
class QuarantineRaceIT {

    private static final int WORLDS = 40;
    private static final Pattern STRIPE_ID = Pattern.compile(
            "\"((?:cus|sub|si|in|il|ii|ch|pi|pm|txn|re|evt|req|price|prod)_[A-Za-z0-9]*[A-Z0-9][A-Za-z0-9]*)\"");

    @Test
    void everyEventOfWorldsPostedAllAtOnceEndsProcessed() throws Exception {
        List<Path> scenario;
        try (Stream<Path> files = Files.list(Billhook.EVENTS.resolve("scenario-subscription-lifecycle"))) {
            scenario = files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        String run = UUID.randomUUID().toString().substring(0, 8);
        long firstCompany = 5_000_000 + new Random().nextInt(1_000_000) * 100L;
        List<byte[]> events = new ArrayList<>();
        for (int world = 0; world < WORLDS; world++) {
            for (Path file : scenario) {
                events.add(inWorld(new String(read(file), StandardCharsets.UTF_8), "x" + run + "w" + world,
                        firstCompany + world));
            }
        }
        Collections.shuffle(events, new Random(42));
        List<Callable<HttpResponse<String>>> deliveries = new ArrayList<>();
        events.forEach(event -> deliveries.add(() -> postStripe(event)));
        ExecutorService senders = Executors.newFixedThreadPool(16);
        try {
            for (Future<HttpResponse<String>> answer : senders.invokeAll(deliveries)) {
                assertEquals(200, answer.get().statusCode(), answer.get().body());
            }
        } finally {
            senders.shutdown();
        }
        String ofThisRun = "FROM webhook_event WHERE provider = 'stripe' AND provider_event_id LIKE '%x" + run + "w%'";
        assertEquals(events.size(), count("SELECT count(*) " + ofThisRun));
        await("every event of the worlds settled",
                () -> count("SELECT count(*) " + ofThisRun + " AND status IN ('RECEIVED', 'RETRYING')") == 0, 120);
        assertEquals(0, count("SELECT count(*) " + ofThisRun + " AND status = 'QUARANTINED'"),
                "events left in quarantine although their customer is linked");
        assertEquals(events.size(), count("SELECT count(*) " + ofThisRun + " AND status = 'PROCESSED'"));
        assertEquals(WORLDS, count("SELECT count(*) FROM stripe_customer WHERE company_id BETWEEN ? AND ?",
                firstCompany, firstCompany + WORLDS - 1));
    }

    private static byte[] inWorld(String json, String suffix, long companyId) {
        Matcher ids = STRIPE_ID.matcher(json);
        StringBuilder rewritten = new StringBuilder();
        while (ids.find()) {
            ids.appendReplacement(rewritten, Matcher.quoteReplacement("\"" + ids.group(1) + suffix + "\""));
        }
        ids.appendTail(rewritten);
        return rewritten.toString().replaceAll("\"company_id\": ?\"\\d+\"", "\"company_id\": \"" + companyId + "\"")
                .getBytes(StandardCharsets.UTF_8);
    }
}
