package it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A newcomer's first start prints nothing that looks like a defect: the log of the test server's start, from the
 * kernel's start to "ready", holds no warning and no error (a missing feature, a Fault Tolerance or OpenAPI
 * complaint, a failed migration would all show there).
 */
class CleanStartIT {

    private static final Path LOGS = Path.of(System.getProperty("billhook.server.dir",
            "target/liberty/wlp/usr/servers/billhook")).resolve("logs");

    private static final Set<String> NOT_CLEAN = Set.of("WARN", "WARNING", "SEVERE", "ERROR", "FATAL");

    @Test
    void theServerStartsWithoutAWarning() {
        List<JsonObject> start = latestStart();
        assertTrue(start.stream().anyMatch(line -> line.getString("message", "").startsWith("CWWKZ0001I")),
                "the application started within the log that was read");
        List<String> warnings = start.stream().filter(line -> NOT_CLEAN.contains(line.getString("loglevel", "")))
                .map(line -> line.getString("loglevel") + " " + line.getString("message", "")).toList();
        assertEquals(List.of(), warnings);
    }

    /**
     * The lines of the server's latest start, from "kernel started" to "ready", across rotated logs. No test before this
     * one (they run in alphabetical order) restarts the server, so that is the build's own start.
     */
    private static List<JsonObject> latestStart() {
        List<JsonObject> lines = new ArrayList<>();
        for (Path log : logs()) {
            read(log).stream().filter(text -> text.startsWith("{"))
                    .map(text -> Json.createReader(new StringReader(text)).readObject())
                    .forEach(lines::add);
        }
        lines.sort(Comparator.comparing((JsonObject line) -> line.getString("ibm_datetime", "")));
        int kernelStarted = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).getString("message", "").startsWith("CWWKE0002I")) {
                kernelStarted = i;
            }
        }
        assertTrue(kernelStarted >= 0, "no start of the server in " + LOGS.toAbsolutePath());
        List<JsonObject> start = new ArrayList<>();
        for (JsonObject line : lines.subList(kernelStarted, lines.size())) {
            start.add(line);
            if (line.getString("message", "").startsWith("CWWKF0011I")) {
                return start;
            }
        }
        throw new AssertionError("the server's latest start has no ready line in " + LOGS.toAbsolutePath());
    }

    private static List<Path> logs() {
        try (Stream<Path> files = Files.list(LOGS)) {
            return files.filter(p -> p.getFileName().toString().matches("messages.*\\.log")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> read(Path log) {
        try {
            return Files.readAllLines(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
