package it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The server is killed with {@code kill -9} in the middle of a burst of deliveries and started again
 * ({@code billhook.crashes} times, 1 by default, 5 in the full suite): every event that got a 2xx is
 * processed exactly once, and an event that got no answer is either absent or, if its row was committed,
 * processed exactly once too, never half-applied.
 */
class CrashIT {

    private static final int CRASHES = Integer.getInteger("billhook.crashes", 1);

    @Test
    void acknowledgedEventsSurviveKillMinus9ExactlyOnce() throws Exception {
        for (int crash = 1; crash <= CRASHES; crash++) {
            Burst burst = new Burst(Billhook.BASE, 8);
            burst.awaitAcknowledged(40);
            ServerProcess.UNDER_TEST.kill();
            burst.stop();
            Instant starting = Instant.now();
            ServerProcess.UNDER_TEST.start();
            System.out.printf("crash %d: started again and ready in %.1f s%n", crash,
                    Duration.between(starting, Instant.now()).toMillis() / 1000.0);
            assertTrue(burst.acknowledged.size() > 0, "crash " + crash + ": nothing was acknowledged before the kill");
            System.out.printf("crash %d: %d acknowledged, %d unanswered (%d of them stored before the kill)%n", crash,
                    burst.acknowledged.size(), burst.unanswered.size(), burst.storedUnanswered());
            burst.awaitExactlyOnce("crash " + crash);
        }
    }
}
