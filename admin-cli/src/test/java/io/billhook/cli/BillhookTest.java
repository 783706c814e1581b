package io.billhook.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** What the CLI decides before it talks to a server. The commands against a server are in the system tests. */
class BillhookTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return Billhook.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void helpPrintsUsageAndSucceeds() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString().startsWith("Usage: billhook"), out.toString());
        assertTrue(out.toString().contains("webhooks"));
        assertTrue(out.toString().contains("companies"));
    }

    @Test
    void everyCommandHasHelp() {
        for (String[] command : new String[][] {{"webhooks", "status"}, {"webhooks", "list"}, {"webhooks", "show"},
                {"webhooks", "retry-failed"}, {"companies", "billing"}}) {
            out.getBuffer().setLength(0);
            assertEquals(0, run(command[0], command[1], "--help"), String.join(" ", command));
            assertTrue(out.toString().contains("--json"), String.join(" ", command));
            assertTrue(out.toString().contains("--url"), String.join(" ", command));
        }
    }

    @Test
    void theCatalogueCommandHasHelp() {
        assertEquals(0, run("catalogue", "--help"));
        assertTrue(out.toString().contains("--provider"), out.toString());
        assertTrue(out.toString().contains("--json"), out.toString());
    }

    @Test
    void versionPrintsTheBuildVersion() {
        assertEquals(0, run("--version"));
        String printed = out.toString().trim();
        assertTrue(printed.matches("billhook \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), printed);
    }

    @Test
    void unknownCommandIsAUsageErrorInOneLine() {
        assertEquals(2, run("frobnicate"));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().contains("frobnicate"));
    }

    @Test
    void aMissingIdIsAUsageError() {
        assertEquals(2, run("webhooks", "show"));
        assertEquals(2, run("webhooks", "show", "abc"));
    }

    @Test
    void noCommandShowsUsageAndFails() {
        assertEquals(2, run());
        assertTrue(err.toString().contains("Usage"));
    }

    @Test
    void aDeadPortCannotConnect() {
        assertEquals(3, run("webhooks", "list", "--url", "http://127.0.0.1:1"));
        assertEquals(1, err.toString().lines().count(), err.toString());
        assertTrue(err.toString().startsWith("billhook: cannot connect"), err.toString());
    }

    @Test
    void theCompletionScriptIsGenerated() {
        assertEquals(0, run("generate-completion"));
        assertTrue(out.toString().contains("complete -F"), out.toString().substring(0, 200));
    }
}
