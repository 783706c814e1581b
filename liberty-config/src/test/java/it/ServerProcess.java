package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A Liberty server of this build's installation, started with its own command and killed with {@code kill -9}. */
record ServerProcess(Path directory, URI base) {

    static final ServerProcess UNDER_TEST = new ServerProcess(Path.of(System.getProperty("billhook.server.dir",
            "target/liberty/wlp/usr/servers/billhook")), Billhook.BASE);

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /**
     * Another server of this installation beside the one under test, in a directory of its own (messaging store,
     * logs, transaction log): the same application, configuration and environment, with {@code environment}
     * replacing or adding variables (its ports, above all).
     */
    static ServerProcess besideUnderTest(String name, URI base, Map<String, String> environment) throws IOException {
        Path source = UNDER_TEST.directory();
        Path target = source.resolveSibling(name);
        delete(target);
        Files.createDirectories(target.resolve("apps"));
        for (String file : List.of("server.xml", "jvm.options", "apps/billhook.ear")) {
            Files.copy(source.resolve(file), target.resolve(file));
        }
        String kept = Files.readAllLines(source.resolve("server.env")).stream()
                .filter(line -> environment.keySet().stream().noneMatch(key -> line.startsWith(key + "=")))
                .collect(Collectors.joining("\n", "", "\n"));
        Files.writeString(target.resolve("server.env"), kept + environment.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("\n", "", "\n")));
        return new ServerProcess(target, base);
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

    String name() {
        return directory.getFileName().toString();
    }

    /** {@code server start}, then waits until {@code /health/ready} is UP. */
    void start() throws IOException, InterruptedException {
        Path command = directory.resolve("../../../bin/server").normalize();
        Process start = new ProcessBuilder(command.toString(), "start", name()).redirectErrorStream(true).start();
        String output = new String(start.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(start.waitFor(120, TimeUnit.SECONDS), output);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
        while (!ready()) {
            assertTrue(Instant.now().isBefore(deadline), name() + " did not become ready: " + output);
            Thread.sleep(250);
        }
    }

    private boolean ready() throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(base.resolve("/health/ready")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        }
    }

    void kill() throws Exception {
        List<ProcessHandle> servers = processes();
        assertEquals(1, servers.size(), "one process of " + name() + ": " + servers);
        kill(servers.get(0).pid());
    }

    void killIfRunning() throws Exception {
        for (ProcessHandle server : processes()) {
            kill(server.pid());
        }
    }

    private void kill(long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-9", Long.toString(pid)).inheritIO().start();
        assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            assertTrue(Instant.now().isBefore(deadline), name() + " survived kill -9");
            Thread.sleep(100);
        }
    }

    /** The server's JVM: the java process whose command line names this server of this installation. */
    private List<ProcessHandle> processes() {
        String wlp = directory.toAbsolutePath().normalize().getParent().getParent().getParent().toString();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("ws-server.jar") && c.contains(wlp)
                        && (c.endsWith(" " + name()) || c.contains(" " + name() + " "))).orElse(false))
                .toList();
    }
}
