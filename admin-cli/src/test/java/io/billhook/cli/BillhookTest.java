package io.billhook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class BillhookTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Billhook.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("Usage: billhook"));
    }

    @Test
    void versionPrintsTheBuildVersion() {
        assertEquals(0, run("--version"));
        String printed = out.toString(StandardCharsets.UTF_8).trim();
        assertTrue(printed.matches("billhook \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), printed);
    }

    @Test
    void unknownCommandFailsWithOneLine() {
        assertEquals(2, run("frobnicate"));
        String message = err.toString(StandardCharsets.UTF_8);
        assertEquals(1, message.lines().count());
        assertTrue(message.contains("unknown command 'frobnicate'"));
    }

    @Test
    void noArgumentsShowsUsageAndFails() {
        assertEquals(2, run());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("Usage"));
    }
}
