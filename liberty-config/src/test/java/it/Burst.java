package it;

import static it.Billhook.await;
import static it.Billhook.count;
import static it.Billhook.freshEventId;
import static it.Billhook.postStripe;
import static it.Billhook.read;
import static it.Billhook.withFreshId;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Clients that deliver {@code customer.created} events, each of a new customer of company 17, to one server until
 * stopped, and remember per customer whether its delivery was acknowledged. The effect of each is countable from the
 * outside: one row, one PROCESSED attempt, one linked customer.
 */
final class Burst {

    private static final String CUSTOMER = "cus_i9PZ4egX3JwKQY";
    private static final byte[] TEMPLATE = read(Billhook.EVENTS.resolve("customer.created.json"));

    final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
    final Set<String> unanswered = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean sending = new AtomicBoolean(true);
    private final ExecutorService clients;

    Burst(URI server, int clientCount) {
        clients = Executors.newFixedThreadPool(clientCount);
        for (int t = 0; t < clientCount; t++) {
            clients.submit(() -> {
                while (sending.get()) {
                    String customer = "cus_burst" + freshEventId().substring(7, 23);
                    byte[] event = withFreshId(new String(TEMPLATE, StandardCharsets.UTF_8).replace(CUSTOMER, customer)
                            .getBytes(StandardCharsets.UTF_8), eventIdOf(customer));
                    try {
                        HttpResponse<String> response = postStripe(server, event);
                        (response.statusCode() == 200 ? acknowledged : unanswered).add(customer);
                    } catch (RuntimeException e) {
                        // the connection broke: the server is going down; what was in flight is what matters
                        unanswered.add(customer);
                        return;
                    }
                }
            });
        }
    }

    /** Waits until {@code n} deliveries were acknowledged (a server just started is slow at first), or 30 s. */
    void awaitAcknowledged(int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (acknowledged.size() < n && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    void stop() throws InterruptedException {
        sending.set(false);
        clients.shutdown();
        assertTrue(clients.awaitTermination(60, TimeUnit.SECONDS));
    }

    static String eventIdOf(String customer) {
        return "evt_burst_" + customer.substring(4);
    }

    private static boolean stored(String customer) {
        return count("SELECT count(*) FROM webhook_event WHERE provider = 'stripe' AND provider_event_id = ?", eventIdOf(customer)) > 0;
    }

    private static boolean linked(String customer) {
        return count("SELECT count(*) FROM stripe_customer WHERE stripe_customer_id = ?", customer) > 0;
    }

    /**
     * How many of the customers' events are processed exactly once (one row, PROCESSED, one PROCESSED attempt) with
     * their effect (the customer linked to company 17), in one query for all (by the
     * unique key's columns, so that a few thousand customers are an index lookup each).
     */
    static long processedOnce(Collection<String> customers) {
        return count("""
                SELECT count(*) FROM unnest(?::text[]) AS c(customer)
                 WHERE (SELECT count(*) FROM webhook_event e
                         WHERE e.provider = 'stripe' AND e.provider_event_id = 'evt_burst_' || substr(c.customer, 5)
                           AND e.status = 'PROCESSED') = 1
                   AND (SELECT count(*) FROM webhook_attempt a JOIN webhook_event e ON e.id = a.webhook_event_id
                         WHERE e.provider = 'stripe' AND e.provider_event_id = 'evt_burst_' || substr(c.customer, 5)
                           AND a.outcome = 'PROCESSED') = 1
                   AND EXISTS (SELECT 1 FROM stripe_customer s WHERE s.stripe_customer_id = c.customer AND s.company_id = 17)""",
                (Object) customers.toArray(String[]::new));
    }

    /**
     * Every acknowledged event processed exactly once; every unanswered one either processed exactly once too (its
     * row was committed before the answer was lost) or absent with no effect.
     */
    void awaitExactlyOnce(String label) {
        await(label + ": every acknowledged event processed once", () -> processedOnce(acknowledged) == acknowledged.size(), 120);
        for (String customer : unanswered) {
            if (stored(customer)) {
                await(label + ": stored but unanswered " + customer + " processed once",
                        () -> processedOnce(List.of(customer)) == 1, 120);
            } else {
                assertFalse(linked(customer), label + ": an unstored event has no effect");
            }
        }
    }

    long storedUnanswered() {
        return unanswered.stream().filter(Burst::stored).count();
    }
}
