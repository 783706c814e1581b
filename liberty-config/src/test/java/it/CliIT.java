package it;

import static it.Billhook.await;
import static it.Billhook.freshEventId;
import static it.Billhook.json;
import static it.Billhook.postStripe;
import static it.Billhook.read;
import static it.Billhook.status;
import static it.Billhook.withFreshId;
import static it.Cli.JAR;
import static it.Cli.cli;

import it.Cli.Run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The admin CLI's jar, run as a separate process against the started server, as an operator runs it. */
class CliIT {

    private static long failed;


    @BeforeAll
    static void company17AndAFailedEvent() {
        byte[] customer = withFreshId(read(Billhook.EVENTS.resolve("customer.created.json")), freshEventId());
        assertEquals(200, postStripe(customer).statusCode());
        await("company 17", () -> "PROCESSED".equals(status(Billhook.eventId(customer))));
        aFailedEvent();
    }

    static void aFailedEvent() {
        String eventId = freshEventId();
        String productAsCustomer = new String(read(Billhook.EVENTS.resolve("product.created.json")), StandardCharsets.UTF_8)
                .replace("\"type\": \"product.created\"", "\"type\": \"customer.created\"");
        assertEquals(200, postStripe(withFreshId(productAsCustomer.getBytes(StandardCharsets.UTF_8), eventId)).statusCode());
        await("failed", () -> "FAILED".equals(status(eventId)));
        failed = Long.parseLong(Billhook.queryString("SELECT id::text FROM webhook_event WHERE provider_event_id = ?", eventId));
    }

    @Test
    void versionNamesTheClientAndTheServer() {
        Run run = cli(Billhook.VIEWER, "version");
        assertEquals(0, run.exit(), run.err());
        String build = System.getProperty("billhook.version");
        assertTrue(run.out().contains("client " + build + "\n"), run.out());
        assertTrue(run.out().contains("server " + build + " (Java "), run.out());
    }

    @Test
    void retentionRunsAPassForAnOperatorAndShowsThePolicyToAViewer() {
        Run pass = cli(Billhook.OPERATOR, "retention", "run");
        assertEquals(0, pass.exit(), pass.err());
        assertTrue(pass.out().startsWith("pass of ") && pass.out().contains("  payloads "), pass.out());

        Run shown = cli(Billhook.VIEWER, "retention", "show");
        assertEquals(0, shown.exit(), shown.err());
        assertTrue(shown.out().contains("payloads      PT720H\n") && shown.out().contains("events        PT9600H\n"), shown.out());

        Run refused = cli(Billhook.VIEWER, "retention", "run");
        assertEquals(1, refused.exit(), refused.out());
    }


    @Test
    void retryFailedDryRunChangesNothingAndTheRealOneRetries() {
        Run dry = cli(Billhook.OPERATOR, "webhooks", "retry-failed", "--type=customer.created", "--dry-run");
        assertEquals(0, dry.exit(), dry.err());
        assertTrue(dry.out().contains(Long.toString(failed)), dry.out());
        assertTrue(dry.out().contains("Dry run"), dry.out());
        assertEquals("FAILED", Billhook.queryString("SELECT status FROM webhook_event WHERE id = ?", failed));

        long attempts = Billhook.count("SELECT count(*) FROM webhook_attempt WHERE webhook_event_id = ?", failed);
        Run real = cli(Billhook.OPERATOR, "webhooks", "retry-failed", "--type=customer.created", "--yes");
        assertEquals(0, real.exit(), real.err());
        assertTrue(real.out().matches("(?s).*Retried (\\d+) of \\1 failed event\\(s\\)\\..*"), real.out());
        await("attempted again", () -> Billhook.count("SELECT count(*) FROM webhook_attempt WHERE webhook_event_id = ?", failed) > attempts);

        Run one = cli(Billhook.OPERATOR, "webhooks", "retry-failed", "--webhook-id=" + failed, "--json");
        assertEquals(0, one.exit(), one.err());
        assertEquals(failed, parse(one.out()).getJsonNumber("id").longValue());
    }

    @Test
    void manyEventsAreNotRetriedWithoutConfirmation() {
        for (int i = 0; i < 11; i++) {
            aFailedEvent();
        }
        Run unconfirmed = cli(Billhook.OPERATOR, "webhooks", "retry-failed", "--type=customer.created");
        assertEquals(1, unconfirmed.exit(), unconfirmed.out() + unconfirmed.err());
        assertTrue(unconfirmed.err().contains("not confirmed"), unconfirmed.err());
        assertEquals("FAILED", Billhook.queryString("SELECT status FROM webhook_event WHERE id = ?", failed));
    }

    @Test
    void watchRedrawsWithTheTimeOfEachRefresh() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", JAR.toString(), "webhooks", "status", "--watch",
                "--interval=1s", "--url", Billhook.BASE.toString(), "-u", "it-viewer", "-p",
                Billhook.VIEWER.substring(Billhook.VIEWER.indexOf(':') + 1));
        builder.redirectErrorStream(true);
        Path output = java.nio.file.Files.createTempFile("billhook-watch", ".txt");
        builder.redirectOutput(output.toFile());
        Process process = builder.start();
        Thread.sleep(3500);
        process.destroy();
        assertTrue(process.waitFor(10, TimeUnit.SECONDS));
        String out = java.nio.file.Files.readString(output);
        java.nio.file.Files.delete(output);
        long refreshes = out.lines().filter(line -> line.contains("last refresh")).count();
        assertTrue(refreshes >= 2, out);
        assertTrue(out.contains("\033[H\033[2J"), "clears the screen to redraw in place");
    }

    @Test
    void statusStatsShowsTheApisFigures() {
        Run run = cli(Billhook.VIEWER, "webhooks", "status", "--stats");
        JsonObject api = json(Billhook.get("/api/admin/webhooks/stats"));
        assertEquals(0, run.exit(), run.err());
        assertTrue(run.out().contains("Total Webhooks"), run.out());
        assertEquals(Long.toString(api.getJsonNumber("total").longValue()), value(run.out(), "Total Webhooks"));
        assertEquals(Long.toString(api.getJsonNumber("duplicatesPrevented").longValue()), value(run.out(), "Duplicates Prevented"));
        assertEquals(Long.toString(api.getJsonNumber("rejected").longValue()), value(run.out(), "Rejected"));
        // the slow tier may retry an event between the two calls: the rates are only checked for their form
        assertTrue(value(run.out(), "Success Rate").matches("\\d+\\.\\d\\d%"), run.out());
        assertTrue(value(run.out(), "Average Retry Count").matches("\\d+\\.\\d\\d"), run.out());
        assertTrue(run.out().contains("Most recent failures"), run.out());
        assertTrue(run.out().contains("stripe"), run.out());
    }

    @Test
    void listAndShowFindTheFailedEventAndJsonParses() {
        Run list = cli(Billhook.VIEWER, "webhooks", "list", "--status=failed", "--limit=500");
        assertEquals(0, list.exit(), list.err());
        assertTrue(list.out().lines().anyMatch(line -> line.startsWith(failed + " ")), list.out());
        Run json = cli(Billhook.VIEWER, "webhooks", "list", "--status=failed", "--limit=500", "--json");
        assertTrue(parse(json.out()).getJsonArray("items").stream()
                .anyMatch(v -> v.asJsonObject().getJsonNumber("id").longValue() == failed));

        Run show = cli(Billhook.VIEWER, "webhooks", "show", Long.toString(failed));
        assertEquals(0, show.exit(), show.err());
        assertTrue(show.out().contains("Attempts") && show.out().contains("PermanentFailure"), show.out());
        assertEquals(failed, parse(cli(Billhook.VIEWER, "webhooks", "show", Long.toString(failed), "--json").out())
                .getJsonNumber("id").longValue());

        Run billing = cli(Billhook.VIEWER, "companies", "billing", "17", "--json");
        assertEquals(0, billing.exit(), billing.err());
        assertEquals(17, parse(billing.out()).getJsonObject("company").getInt("id"));
    }

    @Test
    void operatorsManagePhoneNumbersAndCalcomMappings() {
        String number = "+4940" + (1_000_000 + Math.floorMod(System.nanoTime(), 8_999_999L));
        String spaced = number.substring(0, 3) + " " + number.substring(3, 5) + " " + number.substring(5);
        Run added = cli(Billhook.OPERATOR, "companies", "phone-numbers", "17", "--add", spaced, "--label", "support");
        assertEquals(0, added.exit(), added.err());
        assertTrue(added.out().contains(number + "  support"), added.out());
        Run removed = cli(Billhook.OPERATOR, "companies", "phone-numbers", "17", "--remove", number, "--json");
        assertEquals(0, removed.exit(), removed.err());
        assertTrue(Json.createReader(new StringReader(removed.out())).readArray().stream()
                .noneMatch(v -> number.equals(v.asJsonObject().getString("number"))));
        Run viewerAdds = cli(Billhook.VIEWER, "companies", "phone-numbers", "17", "--add", number);
        assertEquals(1, viewerAdds.exit(), viewerAdds.err());
        Run badNumber = cli(Billhook.OPERATOR, "companies", "phone-numbers", "17", "--add", "030 1234567");
        assertEquals(1, badNumber.exit());
        assertTrue(badNumber.err().contains("country code"), badNumber.err());

        Run mapped = cli(Billhook.OPERATOR, "companies", "calcom-mappings", "17", "--add", "event_type:555017");
        assertEquals(0, mapped.exit(), mapped.err());
        assertTrue(mapped.out().contains("event_type  555017"), mapped.out());
        assertEquals(2, cli(Billhook.OPERATOR, "companies", "calcom-mappings", "17", "--add", "555017").exit());
    }

    @Test
    void exitCodesSayWhatWentWrongInOneLine() {
        Run wrongPassword = cli("it-viewer:wrong", "webhooks", "list");
        assertEquals(3, wrongPassword.exit());
        assertEquals(1, wrongPassword.err().lines().count(), wrongPassword.err());
        assertTrue(wrongPassword.err().contains("authentication failed"), wrongPassword.err());

        Run deadPort = cli(Billhook.VIEWER, "webhooks", "list", "--url", "http://127.0.0.1:1");
        assertEquals(3, deadPort.exit());
        assertEquals(1, deadPort.err().lines().count(), deadPort.err());

        Run viewerRetry = cli(Billhook.VIEWER, "webhooks", "retry-failed", "--webhook-id=" + failed);
        assertEquals(1, viewerRetry.exit(), viewerRetry.err());
        assertTrue(viewerRetry.err().contains("403"), viewerRetry.err());

        Run unknownStatus = cli(Billhook.VIEWER, "webhooks", "list", "--status=bogus");
        assertEquals(1, unknownStatus.exit());
        assertTrue(unknownStatus.err().contains("unknown status"), unknownStatus.err());

        assertEquals(2, cli(Billhook.VIEWER, "webhooks", "list", "--limit=x").exit());
    }

    @Test
    void theCatalogueCommandPrintsWhatTheApiLists() {
        Run table = cli(Billhook.VIEWER, "catalogue", "--provider=retell", "--wide");
        assertEquals(0, table.exit(), table.err());
        assertTrue(table.out().lines().anyMatch(line -> line.contains("call_ended") && line.contains("HIGH")
                && line.contains("RetellCallEvents")), table.out());
        assertTrue(table.out().contains("3 types"), table.out());
        Run json = cli(Billhook.VIEWER, "catalogue", "--json");
        assertEquals(0, json.exit(), json.err());
        assertEquals(Json.createReader(new StringReader(Billhook.get("/api/admin/catalogue").body())).readArray(),
                Json.createReader(new StringReader(json.out())).readArray());
        Run unknown = cli(Billhook.VIEWER, "catalogue", "--provider=paypal");
        assertEquals(1, unknown.exit());
        assertEquals(1, unknown.err().lines().count(), unknown.err());
    }

    @Test
    void aPasswordFromStandardInputAndTheServersOwnCertificateFromCacert() throws Exception {
        String viewer = Billhook.VIEWER;
        ProcessBuilder builder = new ProcessBuilder("java", "-jar", JAR.toString(), "webhooks", "list", "--limit=1",
                "--url", Billhook.BASE.toString(), "-u", viewer.substring(0, viewer.indexOf(':')), "--password-stdin");
        builder.environment().remove("BILLHOOK_PASSWORD");
        Process process = builder.start();
        process.getOutputStream().write((viewer.substring(viewer.indexOf(':') + 1) + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), err);

        String https = System.getProperty("billhook.https.url", "https://localhost:9543");
        Path pem = Files.createTempFile("billhook-server", ".pem");
        try {
            Files.writeString(pem, serverCertificate(java.net.URI.create(https)));
            Run trusted = cli(Billhook.VIEWER, "webhooks", "list", "--limit=1", "--url", https, "--cacert", pem.toString());
            assertEquals(0, trusted.exit(), trusted.err());
            Run untrusted = cli(Billhook.VIEWER, "webhooks", "list", "--limit=1", "--url", https);
            assertEquals(3, untrusted.exit(), "without --cacert the server's own certificate is not trusted");
        } finally {
            Files.delete(pem);
        }
    }

    /** The certificate the server presents, as PEM: what an operator would save from their own deployment. */
    private static String serverCertificate(java.net.URI https) throws Exception {
        javax.net.ssl.SSLContext trustAll = Billhook.trustingEveryCertificate();
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) trustAll.getSocketFactory()
                .createSocket(https.getHost(), https.getPort())) {
            socket.startHandshake();
            java.security.cert.Certificate certificate = socket.getSession().getPeerCertificates()[0];
            return "-----BEGIN CERTIFICATE-----\n"
                    + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(certificate.getEncoded())
                    + "\n-----END CERTIFICATE-----\n";
        }
    }

    private static String value(String table, String metric) {
        return table.lines().filter(line -> line.startsWith(metric)).findFirst().orElseThrow()
                .substring(metric.length()).trim();
    }

    private static JsonObject parse(String json) {
        return Json.createReader(new StringReader(json)).readObject();
    }
}
