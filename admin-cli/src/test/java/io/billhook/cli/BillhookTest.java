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
                {"webhooks", "retry"}, {"webhooks", "retry-failed"}, {"companies", "billing"}, {"companies", "dunning"}, {"retention", "run"},
                {"stripe", "backfill"}, {"stripe", "reconcile"}, {"retell", "reconcile"}, {"dunning", "list"},
                {"dunning", "pause"}, {"dunning", "resume"}, {"dunning", "policy"}, {"version"}}) {
            out.getBuffer().setLength(0);
            String[] help = java.util.Arrays.copyOf(command, command.length + 1);
            help[command.length] = "--help";
            assertEquals(0, run(help), String.join(" ", command));
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

    @Test
    void aPasswordFromAFileOrStdinIsReadButNeverFromBoth() throws Exception {
        java.nio.file.Path empty = java.nio.file.Files.createTempFile("billhook-password", "");
        try {
            assertEquals(2, run("webhooks", "list", "--url", "http://127.0.0.1:1", "-u", "a", "--password-file", empty.toString()));
            assertTrue(err.toString().contains("is empty"), err.toString());
            err.getBuffer().setLength(0);
            assertEquals(2, run("webhooks", "list", "--url", "http://127.0.0.1:1", "-u", "a", "--password-stdin",
                    "--password-file", empty.toString()));
            assertTrue(err.toString().contains("exclude each other"), err.toString());
            java.nio.file.Files.writeString(empty, "s3cret\n");
            assertEquals(3, run("webhooks", "list", "--url", "http://127.0.0.1:1", "-u", "a", "--password-file", empty.toString()),
                    "a password read from the file: the dead port is the next failure");
        } finally {
            java.nio.file.Files.delete(empty);
        }
    }

    @Test
    void aCacertThatIsNoCertificateIsAUsageError() throws Exception {
        java.nio.file.Path notPem = java.nio.file.Files.createTempFile("billhook-ca", ".pem");
        try {
            java.nio.file.Files.writeString(notPem, "not a certificate");
            assertEquals(2, run("webhooks", "list", "--url", "https://127.0.0.1:1", "--cacert", notPem.toString()));
            assertTrue(err.toString().startsWith("billhook: --cacert"), err.toString());
            assertEquals(1, err.toString().lines().count());
        } finally {
            java.nio.file.Files.delete(notPem);
        }
    }

    @Test
    void aConfigFileOthersMayReadIsWarnedAbout() throws Exception {
        java.nio.file.Path config = java.nio.file.Files.createTempFile("billhook-config", ".properties");
        java.io.PrintStream stderr = System.err;
        java.io.ByteArrayOutputStream warned = new java.io.ByteArrayOutputStream();
        try {
            java.nio.file.Files.writeString(config, "url=http://127.0.0.1:1\npassword=s3cret\n");
            java.nio.file.Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            System.setErr(new java.io.PrintStream(warned, true));
            assertEquals(3, run("webhooks", "list", "--config", config.toString()));
            assertTrue(warned.toString().contains("may be read by other users"), warned.toString());
            java.nio.file.Files.setPosixFilePermissions(config, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
            warned.reset();
            assertEquals(3, run("webhooks", "list", "--config", config.toString()));
            assertEquals("", warned.toString());
        } finally {
            System.setErr(stderr);
            java.nio.file.Files.delete(config);
        }
    }
}
