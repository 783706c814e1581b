package it;

import static it.Billhook.VIEWER;
import static it.Billhook.await;
import static it.Billhook.count;
import static it.Billhook.freshEventId;
import static it.Billhook.json;
import static it.Billhook.postStripe;
import static it.Billhook.send;
import static it.Billhook.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import it.Cli.Run;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * Dunning on the test server's policy, whose five steps come 2 s apart (its 21 days are 8 s), checked every second: a
 * failed invoice escalates through every step once, to BLOCKED, and its payment closes the case and gives FULL access
 * back; the same events repeated and out of order give the same case.
 */
class DunningIT {

    private static final List<String> STEPS = List.of("reminder", "warning", "restriction", "suspension", "final");

    @Test
    void aFailedInvoiceEscalatesThroughEveryStepOnceAndItsPaymentRestoresAccess() {
        Company company = company();
        String invoice = "in_dun" + UUID.randomUUID().toString().replace("-", "").substring(0, 14);
        long failedAt = Instant.now().getEpochSecond();
        deliver("invoice.payment_failed.json", company, invoice, failedAt);

        await("the case opened", () -> dunning(company).getJsonArray("openCases").size() == 1);
        JsonObject open = dunning(company).getJsonArray("openCases").getJsonObject(0);
        assertEquals(invoice, open.getString("invoice"));
        assertEquals("system-tests-seconds-1", open.getString("policyVersion"));
        assertEquals(Instant.ofEpochSecond(failedAt), Instant.parse(open.getString("openedAt")), "opened at the event's time");
        await("the final step", () -> "FINAL".equals(dunning(company).getString("state")), 30);
        JsonObject blocked = access(company);
        assertEquals("BLOCKED", blocked.getString("access"));
        assertTrue(blocked.getString("reason").contains(invoice), blocked.toString());

        List<String> ran = dunning(company).getJsonArray("history").stream().map(JsonValue::asJsonObject)
                .map(run -> run.getString("step")).toList();
        assertEquals(STEPS, ran, "each step once, in order");
        assertEquals(5, count("SELECT count(*) FROM dunning_step_run r JOIN dunning_case c ON c.id = r.case_id"
                + " WHERE c.stripe_invoice_id = ?", invoice));
        Run cli = Cli.cli(VIEWER, "companies", "dunning", Long.toString(company.id()));
        assertEquals(0, cli.exit(), cli.err());
        assertTrue(cli.out().contains("FINAL, access BLOCKED") && cli.out().contains(invoice), cli.out());

        deliver("invoice.paid.json", company, invoice, Instant.now().getEpochSecond());
        await("access restored", () -> "FULL".equals(access(company).getString("access")));
        JsonObject recovered = dunning(company);
        assertEquals("NONE", recovered.getString("state"));
        assertEquals(0, recovered.getJsonArray("openCases").size());
        assertEquals("PAID", recovered.getJsonArray("closed").getJsonObject(0).getString("reason"));
        assertTrue(access(company).getString("reason").contains("paid"), access(company).toString());
    }

    @Test
    void theSameEventsRepeatedAndOutOfOrderGiveTheSameCase() throws InterruptedException {
        Company company = company();
        String invoice = "in_dunord" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        long failedAt = Instant.now().getEpochSecond() - 60;
        // the payment first (a minute after the failure, by Stripe's clock), then the failure, twice
        deliver("invoice.paid.json", company, invoice, failedAt + 60);
        deliver("invoice.payment_failed.json", company, invoice, failedAt);
        deliver("invoice.payment_failed.json", company, invoice, failedAt);
        Thread.sleep(3_000); // three runs of the schedule: a case that were open would have had its steps by now
        JsonObject dunning = dunning(company);
        assertEquals("NONE", dunning.getString("state"), dunning.toString());
        assertEquals("FULL", dunning.getString("access"));
        JsonObject closed = dunning.getJsonArray("closed").getJsonObject(0);
        assertEquals(Instant.ofEpochSecond(failedAt), Instant.parse(closed.getString("openedAt")));
        assertEquals(Instant.ofEpochSecond(failedAt + 60), Instant.parse(closed.getString("closedAt")));
        assertEquals(0, count("SELECT count(*) FROM dunning_step_run r JOIN dunning_case c ON c.id = r.case_id"
                + " WHERE c.stripe_invoice_id = ?", invoice), "nothing ran for an invoice paid before its failure came");
        assertEquals(1, count("SELECT count(*) FROM dunning_case WHERE stripe_invoice_id = ?", invoice));
        assertEquals(404, send("GET", "/api/admin/companies/987654321/dunning", VIEWER).statusCode());
        assertEquals(404, send("GET", "/api/admin/companies/987654321/access", VIEWER).statusCode());
    }

    @Test
    void aPauseHoldsTheStepsAndTheyComeAsMuchLaterAfterTheResume() throws Exception {
        Company company = company();
        String invoice = "in_dunpause" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        deliver("invoice.payment_failed.json", company, invoice, Instant.now().getEpochSecond());
        await("the reminder", () -> steps(company).contains("reminder"));
        Run pause = Cli.cli(Billhook.OPERATOR, "dunning", "pause", Long.toString(company.id()));
        assertEquals(0, pause.exit(), pause.err());
        assertTrue(pause.out().contains("1 paused"), pause.out());
        Thread.sleep(5_000); // the warning was due 2 s after the failure, the restriction after 4 s
        assertEquals(List.of("reminder"), steps(company), "a paused case escalates nothing");
        assertTrue(dunning(company).getJsonArray("openCases").getJsonObject(0).getBoolean("paused"));

        JsonObject list = json(send("GET", "/api/admin/dunning?limit=500", VIEWER));
        assertTrue(list.getJsonArray("items").stream().map(JsonValue::asJsonObject)
                .anyMatch(item -> invoice.equals(item.getString("invoice")) && item.getBoolean("paused")), list.toString());
        assertTrue(list.getJsonObject("revenueAtRisk").getJsonNumber("USD").longValue() >= 19900, list.toString());
        long openInDatabase = count("SELECT count(*) FROM dunning_case WHERE closed_at IS NULL AND opened_at IS NOT NULL");
        await("the dunning gauges", () -> Billhook.metric("billhook_dunning_revenue_at_risk", "currency=\"usd\"") >= 19900);
        double gauged = 0;
        for (String state : List.of("grace", "warning", "restricted", "suspended", "final")) {
            gauged += Billhook.metric("billhook_dunning_cases", "state=\"" + state + "\"");
        }
        assertEquals(openInDatabase, (long) gauged, "every open case counted under its state");
        assertTrue(Billhook.metric("billhook_dunning_cases", "state=\"grace\"") >= 1, "this case, paused after its reminder");

        Instant resumed = Instant.now();
        Run resume = Cli.cli(Billhook.OPERATOR, "dunning", "resume", Long.toString(company.id()));
        assertEquals(0, resume.exit(), resume.err());
        await("the warning after the resume", () -> steps(company).contains("warning"));
        assertEquals(List.of("reminder", "warning"), steps(company), "one step at a time, not all that the pause held back");
        JsonObject warning = dunning(company).getJsonArray("history").getJsonObject(1);
        assertTrue(!Instant.parse(warning.getString("ranAt")).isBefore(resumed.minusSeconds(1)), warning.toString());
        assertEquals(400, send("POST", "/api/admin/companies/" + company.id() + "/dunning/pause?until=yesterday",
                Billhook.OPERATOR).statusCode());
        assertEquals(403, send("POST", "/api/admin/companies/" + company.id() + "/dunning/pause", VIEWER).statusCode());
    }

    @Test
    void thePolicyIsShownAndADocumentCheckedWithEveryReason() throws Exception {
        assertEquals("system-tests-seconds-1", json(send("GET", "/api/admin/dunning/policy", VIEWER)).getString("version"));
        Path bad = Files.createTempFile("policy", ".json");
        Files.writeString(bad, "{\"version\": \"v2\", \"steps\": [{\"name\": \"a\", \"after\": \"soon\","
                + " \"state\": \"GRACE\", \"access\": \"SOME\"}]}");
        Run refused = Cli.cli(Billhook.OPERATOR, "dunning", "policy", "--validate", bad.toString());
        assertEquals(1, refused.exit(), refused.out());
        assertEquals(1, refused.err().strip().lines().count(), refused.err());
        assertTrue(refused.err().contains("steps[0].after") && refused.err().contains("steps[0].access"), refused.err());
        Path good = Path.of("src/test/dunning/policy-in-seconds.json");
        Run valid = Cli.cli(Billhook.OPERATOR, "dunning", "policy", "--validate", good.toString());
        assertEquals(0, valid.exit(), valid.err());
        assertTrue(valid.out().contains("valid, version system-tests-seconds-1, 5 steps"), valid.out());
        Files.delete(bad);
    }


    private static List<String> steps(Company company) {
        return dunning(company).getJsonArray("history").stream().map(JsonValue::asJsonObject)
                .map(run -> run.getString("step")).toList();
    }

    private record Company(long id, String customer, String subscription) {
    }

    private static Company company() {
        String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Company company = new Company(300_000_000L + ThreadLocalRandom.current().nextInt(100_000_000), "cus_dun" + run,
                "sub_dun" + run);
        Billhook.execute("INSERT INTO company (id, name) VALUES (?, 'Dunning KG')", company.id());
        Billhook.execute("INSERT INTO stripe_customer (stripe_customer_id, company_id) VALUES (?, ?)", company.customer(),
                company.id());
        return company;
    }

    /** The corpus event about this company's invoice, created (by Stripe's clock) at {@code created}, applied. */
    private static void deliver(String file, Company company, String invoice, long created) {
        String json = Billhook.corpusAbout(file, company.customer(), company.subscription(), invoice);
        String eventId = freshEventId();
        JsonObject event = Json.createObjectBuilder(Json.createReader(new StringReader(json)).readObject())
                .add("id", eventId).add("created", created).build();
        assertEquals(200, postStripe(event.toString().getBytes(StandardCharsets.UTF_8)).statusCode());
        await(file + " applied", () -> "PROCESSED".equals(status(eventId)));
    }

    private static JsonObject dunning(Company company) {
        return json(send("GET", "/api/admin/companies/" + company.id() + "/dunning", VIEWER));
    }

    private static JsonObject access(Company company) {
        return json(send("GET", "/api/admin/companies/" + company.id() + "/access", VIEWER));
    }
}
