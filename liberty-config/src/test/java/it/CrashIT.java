package it;

import static it.Billhook.await;
import static it.Billhook.count;
import static it.Billhook.freshEventId;
import static it.Billhook.postStripe;
import static it.Billhook.read;
import static it.Billhook.withFreshId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The server is killed with {@code kill -9} in the middle of a burst of deliveries and started again
 * ({@code billhook.crashes} times, 1 by default, 5 in the full suite): every event that got a 2xx is
 * processed exactly once, and an event that got no answer is either absent or, if its row was committed,
 * processed exactly once too, never half-applied.
 */
class CrashIT {

    private static final int CRASHES = Integer.getInteger("billhook.crashes", 1);
    private static final Path SERVER_DIR = Path.of(System.getProperty("billhook.server.dir",
            "target/liberty/wlp/usr/servers/billhook"));
    private static final String CUSTOMER = "cus_i9PZ4egX3JwKQY";

    @Test
    void acknowledgedEventsSurviveKillMinus9ExactlyOnce() throws Exception {
        for (int crash = 1; crash <= CRASHES; crash++) {
            Set<String> acknowledged = ConcurrentHashMap.newKeySet();
            Set<String> unanswered = ConcurrentHashMap.newKeySet();
            burstAndKill(acknowledged, unanswered);
            Instant starting = Instant.now();
            start();
            System.out.printf("crash %d: started again and ready in %.1f s%n", crash,
                    Duration.between(starting, Instant.now()).toMillis() / 1000.0);
            assertTrue(acknowledged.size() > 0, "crash " + crash + ": nothing was acknowledged before the kill");
            for (String customer : acknowledged) {
                await("crash " + crash + ": acknowledged " + customer + " processed", () -> processedOnce(customer), 120);
            }
            long stored = unanswered.stream().filter(c -> count("SELECT count(*) FROM webhook_event WHERE provider_event_id = ?",
                    eventIdOf(c)) > 0).count();
            System.out.printf("crash %d: %d acknowledged, %d unanswered (%d of them stored before the kill)%n", crash,
                    acknowledged.size(), unanswered.size(), stored);
            for (String customer : unanswered) {
                long rows = count("SELECT count(*) FROM webhook_event WHERE provider_event_id = ?", eventIdOf(customer));
                if (rows == 0) {
                    assertEquals(0, count("SELECT count(*) FROM stripe_customer WHERE stripe_customer_id = ?", customer),
                            "crash " + crash + ": an unstored event has no effect");
                } else {
                    await("crash " + crash + ": stored but unanswered " + customer + " processed", () -> processedOnce(customer), 120);
                }
            }
        }
    }

    /** Exactly one row, PROCESSED, one PROCESSED attempt, and its effect: the customer linked to company 17. */
    private static boolean processedOnce(String customer) {
        String eventId = eventIdOf(customer);
        return count("SELECT count(*) FROM webhook_event WHERE provider_event_id = ? AND status = 'PROCESSED'", eventId) == 1
                && count("""
                        SELECT count(*) FROM webhook_attempt a JOIN webhook_event e ON e.id = a.webhook_event_id
                         WHERE e.provider_event_id = ? AND a.outcome = 'PROCESSED'""", eventId) == 1
                && count("SELECT count(*) FROM stripe_customer WHERE stripe_customer_id = ? AND company_id = 17", customer) == 1;
    }

    private static String eventIdOf(String customer) {
        return "evt_crash_" + customer.substring(4);
    }

    private static void burstAndKill(Set<String> acknowledged, Set<String> unanswered) throws Exception {
        byte[] template = read(Billhook.EVENTS.resolve("customer.created.json"));
        AtomicBoolean sending = new AtomicBoolean(true);
        ExecutorService senders = Executors.newFixedThreadPool(8);
        for (int t = 0; t < 8; t++) {
            senders.submit(() -> {
                while (sending.get()) {
                    String customer = "cus_crash" + freshEventId().substring(7, 23);
                    byte[] event = withFreshId(new String(template, StandardCharsets.UTF_8).replace(CUSTOMER, customer)
                            .getBytes(StandardCharsets.UTF_8), eventIdOf(customer));
                    try {
                        HttpResponse<String> response = postStripe(event);
                        (response.statusCode() == 200 ? acknowledged : unanswered).add(customer);
                    } catch (RuntimeException e) {
                        // the connection broke: the server is going down; what was in flight is what matters
                        unanswered.add(customer);
                        return;
                    }
                }
            });
        }
        // kill mid-burst: once a few dozen deliveries were acknowledged (a server just restarted is slow at first)
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (acknowledged.size() < 40 && Instant.now().isBefore(deadline)) {
            Thread.sleep(20);
        }
        kill();
        sending.set(false);
        senders.shutdown();
        assertTrue(senders.awaitTermination(60, TimeUnit.SECONDS));
    }

    private static void kill() throws Exception {
        long pid = serverPid();
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            assertTrue(Instant.now().isBefore(deadline), "the server survived kill -9");
            Thread.sleep(100);
        }
    }

    /** The server's JVM: the only java process whose command line names this server's directory. */
    private static long serverPid() {
        String serverName = SERVER_DIR.getFileName().toString();
        String wlp = SERVER_DIR.toAbsolutePath().normalize().getParent().getParent().getParent().toString();
        List<ProcessHandle> servers = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("ws-server.jar") && c.contains(wlp)
                        && c.contains(" " + serverName)).orElse(false))
                .toList();
        assertEquals(1, servers.size(), "one server process: " + servers);
        return servers.get(0).pid();
    }

    private static void start() throws IOException, InterruptedException {
        Path command = SERVER_DIR.resolve("../../../bin/server").normalize();
        Process start = new ProcessBuilder(command.toString(), "start", SERVER_DIR.getFileName().toString())
                .redirectErrorStream(true).start();
        String output = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(start.waitFor(120, TimeUnit.SECONDS), output);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (true) {
            try {
                if (Billhook.get("/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // the server is still starting
            }
            assertTrue(Instant.now().isBefore(deadline), "the server did not come back: " + output
                    + Files.exists(SERVER_DIR.resolve("logs/console.log")));
            Thread.sleep(500);
        }
    }
}
