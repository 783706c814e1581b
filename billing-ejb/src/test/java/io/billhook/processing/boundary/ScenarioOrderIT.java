package io.billhook.processing.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.billhook.Jndi;
import io.billhook.handling.entity.QuarantineKey;
import io.billhook.processing.control.EventSpans;
import io.billhook.processing.entity.Batch;
import io.billhook.processing.entity.Reminder;
import io.opentelemetry.api.trace.Tracer;
import io.billhook.testdb.Deployments;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Out-of-order safety, shown on the subscription lifecycle scenario: its 14 events, applied by the real
 * processor on PostgreSQL in 500 random orders, each end in the same state as in the order Stripe sent
 * them, whether each event is processed on its own or all of them as the events of one wake-up message (one
 * transaction, an event that fails there undone alone and processed on its own). Each run gets its own ids and
 * company; an event quarantined for want of its customer is processed again once released, as the consumer would.
 */
@ExtendWith(ArquillianExtension.class)
class ScenarioOrderIT {

    private static final int ORDERS = 500;
    /** The batched runs are numbered from here, so their ids and companies are their own. */
    private static final int BATCHED_RUNS = 1000;
    private static final int BATCHED_ORDERS = 200;
    /** Read where the deployment is made; the test itself runs in the server, from the archive. */
    private static final Path SCENARIO = Path.of(System.getProperty("billhook.stripe.events", "../../shared/stripe-events"),
            "scenario-subscription-lifecycle");
    private static final int EVENTS = 14;
    /** Stripe ids and the company id, which each run makes its own by a suffix. */
    private static final Pattern IDS = Pattern.compile("\"((?:evt|cus|sub|si|in|ch|pi|pm|il|ii|price|prod|py|inpay)_[A-Za-z0-9]+)\"");

    @Deployment
    static WebArchive deployment() throws IOException {
        WebArchive archive = Deployments.billingWithoutConsumer("scenario-order-it.war");
        try (Stream<Path> files = Files.list(SCENARIO)) {
            List<Path> events = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
            assertEquals(EVENTS, events.size(), "the scenario is missing at " + SCENARIO.toAbsolutePath());
            for (int i = 0; i < events.size(); i++) {
                archive.addAsResource(events.get(i).toFile(), "scenario/" + i + ".json");
            }
        }
        return archive;
    }

    @Inject
    WebhookProcessor processor;

    /** Liberty's, with the SDK off as in every test of this module: spans that record nothing. */
    @Inject
    Tracer tracer;

    @Resource(lookup = Jndi.DATA_SOURCE)
    DataSource dataSource;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Test
    void everyOrderEndsInTheStateOfTheOrderStripeSent() throws Exception {
        List<String> scenario = scenario();
        String inOrder = run(0, scenario);
        assertInOrderStateIsTheScenarios(inOrder);
        Random random = new Random(20261127);
        for (int run = 1; run <= ORDERS; run++) {
            List<String> shuffled = new ArrayList<>(scenario);
            Collections.shuffle(shuffled, random);
            assertEquals(inOrder, run(run, shuffled), "order " + run + " ended elsewhere");
        }
    }

    @Test
    void everyOrderAppliedAsOneBatchEndsInTheStateOfTheOrderStripeSent() throws Exception {
        List<String> scenario = scenario();
        String inOrder = run(BATCHED_RUNS, scenario, true);
        assertInOrderStateIsTheScenarios(inOrder);
        Random random = new Random(20261203);
        for (int run = 1; run <= BATCHED_ORDERS; run++) {
            List<String> shuffled = new ArrayList<>(scenario);
            Collections.shuffle(shuffled, random);
            assertEquals(inOrder, run(BATCHED_RUNS + run, shuffled, true), "batched order " + run + " ended elsewhere");
        }
    }

    @Test
    void anEventThatFailsInABatchIsUndoneAloneAndTheOthersCommit() throws Exception {
        List<String> scenario = scenario();
        String suffix = "-alone-";
        // the first invoice before its customer: it finds no company; the customer and its subscription apply
        List<Long> ids = new ArrayList<>();
        for (int event : new int[] {2, 0, 1}) {
            ids.add(store(own(scenario.get(event), suffix, 2_000_000L)));
        }
        List<Reminder> reminders = reminders(ids);
        Batch batch;
        try (EventSpans spans = EventSpans.start(tracer, reminders)) {
            batch = processor.applyAll(reminders, spans);
        }

        assertEquals(Set.of(ids.get(0)), batch.alone());
        assertEquals(List.of(ids.get(1), ids.get(2)), batch.applied().stream().map(applied -> applied.event().id()).toList());
        assertEquals(List.of("RECEIVED 0 0", "PROCESSED 1 1", "PROCESSED 1 1"), ids.stream().map(this::statusAndAttempts).toList(),
                "committed by the batch: the two it applied, with their attempts; nothing of the undone one");
    }

    @Test
    void anAttemptWaitsForTheLockOfItsCustomer() throws Exception {
        String suffix = "-subject-";
        processor.process(store(own(scenario().get(0), suffix, 2_000_001L)));
        // the customer is linked: the subscription's handler finds it and takes no lock of its own
        long id = store(own(scenario().get(1), suffix, 2_000_001L));
        String lock = QuarantineKey.stripeCustomer("cus_7uyBkUAiUDO6QX" + suffix).lockName();
        Future<?> attempt;
        try (Connection holder = dataSource.getConnection()) {
            holder.setAutoCommit(false);
            try (PreparedStatement take = holder.prepareStatement("SELECT pg_advisory_xact_lock(hashtextextended(?, 0))::text")) {
                take.setString(1, lock);
                take.executeQuery().close();
            }
            attempt = executor.submit(() -> processor.process(id));
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (strings("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND wait_event = 'advisory'")
                    .get(0).equals("0")) {
                assertTrue(System.nanoTime() < until && !attempt.isDone(), "the attempt did not wait for its customer's lock");
                Thread.sleep(20);
            }
            assertEquals("RECEIVED 0 0", statusAndAttempts(id), "nothing applied while the customer's lock is held");
            holder.commit();
        }
        attempt.get(30, TimeUnit.SECONDS);
        assertEquals("PROCESSED 1 1", statusAndAttempts(id));
    }

    private String statusAndAttempts(long id) {
        try {
            return strings("SELECT status || ' ' || attempts || ' ' || (SELECT count(*) FROM webhook_attempt WHERE"
                    + " webhook_event_id = e.id) FROM webhook_event e WHERE id = " + id).get(0);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The in-order run is the reference: it must itself be the state the scenario describes. */
    private static void assertInOrderStateIsTheScenarios(String state) {
        for (String expected : List.of(
                "customer cus_7uyBkUAiUDO6QX",
                "subscription sub_1fZnXq2eC3uLkQFzcR8Z9hqd canceled",
                "invoice in_1tzSEi2eC3uLkQFzixF6oUQc PAID due=4900 paid=4900 remaining=0 USD attempts=1",
                "invoice in_1RzLkW2eC3uLkQFzY6ETFOks PAID due=4900 paid=4900 remaining=0 USD attempts=2 failed_once=true",
                "charge ch_3yLQE12eC3uLkQFzUANcBSMd succeeded amount=4900 refunded=0",
                "charge ch_3cbbXv2eC3uLkQFzqmDuP8VQ failed amount=4900 refunded=0 captured=false failure=card_declined",
                "charge ch_3GFeGd2eC3uLkQFzmccF9uAs succeeded amount=4900 refunded=4900",
                "events 14 processed, 0 not")) {
            assertTrue(state.contains(expected), "the in-order state lacks '" + expected + "':\n" + state);
        }
        assertEquals(2, state.lines().filter(line -> line.startsWith("period ") && line.contains(" PAID in_")).count(), state);
    }

    /** Applies the events in the given order and returns the company's final state, ids without the run's suffix. */
    private String run(int run, List<String> events) throws SQLException {
        return run(run, events, false);
    }

    /** Applies the events in the given order, one by one or as one batch; returns the company's final state. */
    private String run(int run, List<String> events, boolean batched) throws SQLException {
        String suffix = "-r" + run + "-";
        long company = 1_000_000L + run;
        List<Long> ids = new ArrayList<>();
        for (String event : events) {
            ids.add(store(own(event, suffix, company)));
        }
        if (batched) {
            processor.process(reminders(ids));
            processReleased(suffix, batched);
        } else {
            for (long id : ids) {
                processor.process(id);
                processReleased(suffix, batched);
            }
        }
        return state(company).replace(suffix, "");
    }

    /** The event with the run's own ids and company. */
    private static String own(String event, String suffix, long company) {
        return IDS.matcher(event).replaceAll("\"$1" + suffix + "\"")
                .replace("\"company_id\": \"42\"", "\"company_id\": \"" + company + "\"");
    }

    /** Released (or retrying) events of this run are woken by messages in the server; here they are processed at once. */
    private void processReleased(String suffix, boolean batched) throws SQLException {
        List<Long> waiting;
        do {
            waiting = longs("SELECT id FROM webhook_event WHERE status IN ('RECEIVED', 'RETRYING') AND provider_event_id LIKE ?"
                    + " ORDER BY id", "%" + suffix);
            if (batched && !waiting.isEmpty()) {
                processor.process(reminders(waiting));
            } else {
                waiting.forEach(processor::process);
            }
        } while (!waiting.isEmpty());
    }

    private long store(String payload) throws SQLException {
        JsonObject event = Json.createReader(new StringReader(payload)).readObject();
        String eventId = event.getString("id");
        String type = event.getString("type");
        try (Connection db = dataSource.getConnection(); PreparedStatement insert = db.prepareStatement("""
                INSERT INTO webhook_event (provider, provider_event_id, event_type, api_version, lane, payload, correlation_id)
                VALUES ('stripe', ?, ?, '2026-07-29.dahlia', 'MEDIUM', ?::jsonb, 'scenario-order-it') RETURNING id""")) {
            insert.setString(1, eventId);
            insert.setString(2, type);
            insert.setString(3, payload);
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private String state(long company) throws SQLException {
        return String.join("\n", strings("""
                SELECT 'customer ' || stripe_customer_id FROM stripe_customer WHERE company_id = ?1
                UNION ALL
                SELECT 'subscription ' || stripe_subscription_id || ' ' || status || ' cancel_at_period_end='
                       || cancel_at_period_end || ' period=' || coalesce(current_period_start::text, '-') || '..'
                       || coalesce(current_period_end::text, '-') || ' canceled=' || coalesce(canceled_at::text, '-')
                       || ' ended=' || coalesce(ended_at::text, '-')
                  FROM subscription WHERE company_id = ?1
                UNION ALL
                SELECT 'item ' || i.stripe_subscription_item_id || ' ' || coalesce(i.price_id, '-') || ' x'
                       || coalesce(i.quantity, 0) || ' metered=' || i.metered
                  FROM subscription_item i JOIN subscription s USING (stripe_subscription_id) WHERE s.company_id = ?1
                UNION ALL
                SELECT 'period ' || p.stripe_subscription_id || ' ' || p.period_start || '..' || p.period_end || ' '
                       || p.status || ' ' || coalesce((SELECT i.stripe_invoice_id FROM invoice i WHERE i.billing_period_id = p.id), '-')
                  FROM billing_period p WHERE p.company_id = ?1
                UNION ALL
                SELECT 'invoice ' || stripe_invoice_id || ' ' || status || ' due=' || amount_due || ' paid=' || amount_paid
                       || ' remaining=' || amount_remaining || ' ' || currency || ' attempts=' || attempt_count
                       || ' failed_once=' || payment_failed || ' number=' || coalesce(number, '-') || ' next='
                       || coalesce(next_payment_attempt::text, '-') || ' reason=' || coalesce(billing_reason, '-')
                       || ' subscription=' || coalesce(stripe_subscription_id, '-')
                  FROM invoice WHERE company_id = ?1
                UNION ALL
                SELECT 'charge ' || stripe_charge_id || ' ' || status || ' amount=' || amount || ' refunded='
                       || amount_refunded || ' captured=' || captured || ' failure=' || coalesce(failure_code, '-')
                       || ' intent=' || coalesce(stripe_payment_intent_id, '-')
                  FROM charge WHERE company_id = ?1
                UNION ALL
                SELECT 'events ' || count(*) FILTER (WHERE status = 'PROCESSED') || ' processed, '
                       || count(*) FILTER (WHERE status <> 'PROCESSED') || ' not'
                  FROM webhook_event WHERE provider_event_id LIKE '%-r' || (?1 - 1000000) || '-'
                ORDER BY 1""".replace("?1", Long.toString(company))));
    }

    private List<Long> longs(String sql, String parameter) throws SQLException {
        return strings(sql, parameter).stream().map(Long::valueOf).toList();
    }

    private List<String> strings(String sql, String... parameters) throws SQLException {
        try (Connection db = dataSource.getConnection(); PreparedStatement query = db.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            List<String> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(result.getString(1));
                }
            }
            return rows;
        }
    }

    private static List<String> scenario() throws IOException {
        List<String> events = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            try (var in = ScenarioOrderIT.class.getClassLoader().getResourceAsStream("scenario/" + i + ".json")) {
                events.add(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return events;
    }

    private static List<Reminder> reminders(List<Long> ids) {
        return ids.stream().map(id -> new Reminder(id, "scenario-order-it", null)).toList();
    }
}
