package it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
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
    private static final ServerProcess NODE_2 = new ServerProcess(
            ServerProcess.UNDER_TEST.directory().resolveSibling("billhook-node2"), URI.create("http://localhost:9190"));
    private static final Map<String, String> NODE_2_PORTS = Map.of("BILLHOOK_HTTP_PORT", "9190",
            "BILLHOOK_HTTPS_PORT", "9553", "BILLHOOK_JMS_PORT", "7396", "BILLHOOK_JMS_SSL_PORT", "7406");

    @Test
    void aKilledNodesAcknowledgedEventsAreFinishedByTheOtherExactlyOnce() throws Exception {
        createSecondNode();
        NODE_2.start();
        Burst toNode1 = new Burst(Billhook.BASE, 4);
        Burst toNode2 = new Burst(NODE_2.base(), 4);
        toNode2.awaitAcknowledged(60);
        NODE_2.kill();
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

    /** Its own directory (messaging store, logs, transaction log), the same application and environment, other ports. */
    private static void createSecondNode() throws IOException {
        Path source = ServerProcess.UNDER_TEST.directory();
        Path target = NODE_2.directory();
        delete(target);
        Files.createDirectories(target.resolve("apps"));
        for (String file : List.of("server.xml", "jvm.options", "apps/billhook.ear")) {
            Files.copy(source.resolve(file), target.resolve(file));
        }
        String environment = Files.readAllLines(source.resolve("server.env")).stream()
                .filter(line -> NODE_2_PORTS.keySet().stream().noneMatch(key -> line.startsWith(key + "=")))
                .collect(Collectors.joining("\n", "", "\n"));
        environment += NODE_2_PORTS.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(target.resolve("server.env"), environment);
    }

    @AfterAll
    static void noSecondNodeLeftRunning() throws Exception {
        NODE_2.killIfRunning();
    }

    private static void delete(Path directory) throws IOException {
        if (Files.exists(directory)) {
            try (Stream<Path> paths = Files.walk(directory)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}
