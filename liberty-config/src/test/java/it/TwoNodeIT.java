package it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Two servers on one database, each with its own ports and its own messaging engine, share the deliveries; the second
 * is killed with {@code kill -9} mid-burst and stays down. Nothing acknowledged by either is lost or applied twice:
 * the rows the dead node had stored but not processed (their wake-ups died with its messaging engine) are finished by
 * the surviving node's sweeper.
 */
class TwoNodeIT {

    /** The second node: a copy of the server under test (same application, configuration and database). */
    private static ServerProcess node2;

    @Test
    void aKilledNodesAcknowledgedEventsAreFinishedByTheOtherExactlyOnce() throws Exception {
        node2 = ServerProcess.besideUnderTest("billhook-node2", URI.create("http://localhost:9190"), Map.of(
                "BILLHOOK_HTTP_PORT", "9190", "BILLHOOK_HTTPS_PORT", "9553", "BILLHOOK_JMS_PORT", "7396",
                "BILLHOOK_JMS_SSL_PORT", "7406"));
        node2.start();
        Burst toNode1 = new Burst(Billhook.BASE, 4);
        Burst toNode2 = new Burst(node2.base(), 4);
        toNode2.awaitAcknowledged(60);
        node2.kill();
        toNode2.stop();
        toNode1.awaitAcknowledged(toNode1.acknowledged.size() + 40);
        toNode1.stop();

        long leftByNode2 = toNode2.acknowledged.size() - Burst.processedOnce(toNode2.acknowledged);
        assertTrue(toNode1.acknowledged.size() > 0 && toNode2.acknowledged.size() > 0, "both nodes took deliveries");
        toNode1.awaitExactlyOnce("node 1");
        toNode2.awaitExactlyOnce("node 2");
        System.out.printf("two nodes: node 1 acknowledged %d, node 2 acknowledged %d before its kill (%d of them not yet"
                        + " processed then, finished by node 1) and left %d unanswered (%d stored)%n",
                toNode1.acknowledged.size(), toNode2.acknowledged.size(), leftByNode2, toNode2.unanswered.size(),
                toNode2.storedUnanswered());
    }

    @AfterAll
    static void noSecondNodeLeftRunning() throws Exception {
        if (node2 != null) {
            node2.killIfRunning();
        }
    }
}
