package it;

import static it.Billhook.await;
import static it.Billhook.freshEventId;
import static it.Billhook.postStripe;
import static it.Billhook.read;
import static it.Billhook.status;
import static it.Billhook.withFreshId;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Retries with the test server's schedule: base delay 1 s, 3 retries (1 s, 2 s, 4 s). The transient
 * failure is a real one: a refund of a charge that has not arrived (yet). An invoice of a customer no
 * company is linked to is not a failure: it is quarantined until the link appears.
 */
class RetryIT {

    private static final String CORPUS_CUSTOMER = "cus_i9PZ4egX3JwKQY";
    private static final String CORPUS_FINALIZED_INVOICE = "in_1L91RT2eC3uLkQFz7HU5Jp56";
    private static final String CORPUS_CHARGE = "ch_3uXfLj2eC3uLkQFzN2VDNJw6";
    private static final String CORPUS_PAYMENT_INTENT = "pi_3uXfLj2eC3uLkQFzN2VDNJw6";

    @Test
    void aTransientFailureIsRetriedOnScheduleAndEndsFailedWithItsHistory() throws Exception {
        String eventId = freshEventId();
        post(refundOf(newChargeId(), eventId));
        // the poison event's retries hold no consumer: other events, of its lane and another, pass it meanwhile
        List<byte[]> otherEvents = IntStream.range(0, 300).mapToObj(i -> withFreshId(read(Billhook.EVENTS.resolve(
                i % 3 == 0 ? "customer.updated.json" : "price.created.json")), freshEventId())).toList();
        otherEvents.parallelStream().forEach(RetryIT::post);
        List<String> others = otherEvents.stream().map(Billhook::eventId).toList();
        await("the event to fail for good", () -> "FAILED".equals(status(eventId)));
        String[] otherIds = others.toArray(String[]::new);
        assertEquals(others.size(), Billhook.count("""
                SELECT count(*) FROM webhook_event o, webhook_event poison
                 WHERE o.provider_event_id = ANY (?) AND o.status IN ('PROCESSED', 'IGNORED')
                   AND poison.provider_event_id = ? AND o.processed_at < poison.processed_at""", otherIds, eventId),
                "every other event was done before the poison event had used up its retries");
        System.out.println("while an event was retried into FAILED: " + Billhook.queryString("""
                SELECT count(*) || ' other events of two lanes posted and handled, the last '
                       || round(extract(epoch FROM poison.processed_at - max(o.processed_at))::numeric, 1)
                       || ' s before the poison event failed'
                  FROM webhook_event o, webhook_event poison
                 WHERE o.provider_event_id = ANY (?) AND poison.provider_event_id = ?
                 GROUP BY poison.processed_at""", otherIds, eventId));

        List<Row> attempts = attempts(eventId);
        assertEquals(List.of("RETRYING", "RETRYING", "RETRYING", "FAILED"), attempts.stream().map(Row::outcome).toList());
        assertEquals(List.of(1, 2, 3, 4), attempts.stream().map(Row::attempt).toList());
        long[] expected = {1000, 2000, 4000};
        for (int i = 1; i < attempts.size(); i++) {
            long gap = Duration.between(attempts.get(i - 1).finishedAt(), attempts.get(i).startedAt()).toMillis();
            assertTrue(gap >= expected[i - 1] - 50 && gap <= expected[i - 1] + 2000,
                    "attempt " + (i + 1) + " came " + gap + " ms after the previous one, expected " + expected[i - 1]);
        }
        attempts.forEach(a -> assertEquals("java.lang.IllegalStateException", a.errorClass()));
        assertEquals("4", Billhook.queryString("SELECT attempts::text FROM webhook_event WHERE provider_event_id = ?", eventId));
    }

    @Test
    void aRetriedEventSucceedsOnceWhatItWaitedForArrives() throws Exception {
        linkCorpusCustomer();
        String charge = newChargeId();
        String refundEvent = freshEventId();
        post(refundOf(charge, refundEvent));
        await("the first attempt to fail", () -> "RETRYING".equals(status(refundEvent)));

        post(chargeOf(charge, freshEventId()));

        await("the retried refund to be processed", () -> "PROCESSED".equals(status(refundEvent)));
        List<Row> attempts = attempts(refundEvent);
        assertTrue(attempts.size() >= 2, "retried at least once: " + attempts);
        assertEquals("PROCESSED", attempts.get(attempts.size() - 1).outcome());
    }

    @Test
    void theSlowTierRetriesATransientlyFailedEventOnceTheCauseIsGone() throws Exception {
        linkCorpusCustomer();
        String charge = newChargeId();
        String refundEvent = freshEventId();
        post(refundOf(charge, refundEvent));
        await("the event to fail after its retries", () -> "FAILED".equals(status(refundEvent)));
        assertEquals("true", Billhook.queryString(
                "SELECT last_failure_transient::text FROM webhook_event WHERE provider_event_id = ?", refundEvent));

        post(chargeOf(charge, freshEventId()));

        // the test server's slow tier runs every 3 s (sweeps every 15 s)
        await("the failed refund to be processed by the slow tier", () -> "PROCESSED".equals(status(refundEvent)));
        List<Row> attempts = attempts(refundEvent);
        assertTrue(attempts.size() >= 5, "four attempts of the fast schedule, then the slow tier: " + attempts);
        assertEquals("PROCESSED", attempts.get(attempts.size() - 1).outcome());
    }

    @Test
    void anEventOfAnUnlinkedCustomerIsQuarantinedThenReleasedByTheLink() throws Exception {
        String customer = newCustomerId();
        String invoiceEvent = freshEventId();
        post(invoiceOf(customer, invoiceEvent));
        await("the invoice to be quarantined", () -> "QUARANTINED".equals(status(invoiceEvent)));
        assertEquals("STRIPE_CUSTOMER " + customer, Billhook.queryString(
                "SELECT quarantine_kind || ' ' || quarantine_key FROM webhook_event WHERE provider_event_id = ?", invoiceEvent));
        List<Row> quarantined = attempts(invoiceEvent);
        assertEquals(List.of("QUARANTINED"), quarantined.stream().map(Row::outcome).toList(), "no retry is spent");

        String created = new String(read(Billhook.EVENTS.resolve("customer.created.json")), StandardCharsets.UTF_8)
                .replace(CORPUS_CUSTOMER, customer);
        post(withFreshId(created.getBytes(StandardCharsets.UTF_8), freshEventId()));

        await("the released invoice to be processed", () -> "PROCESSED".equals(status(invoiceEvent)));
        assertEquals("17", Billhook.queryString(
                "SELECT company_id::text FROM invoice WHERE stripe_customer_id = ?", customer));
        assertEquals(List.of("QUARANTINED", "PROCESSED"), attempts(invoiceEvent).stream().map(Row::outcome).toList());
    }

    @Test
    void anEventWithoutItsCreatedTimeFailsAtOnceWithItsReason() throws Exception {
        String eventId = freshEventId();
        String withoutCreated = new String(read(Billhook.EVENTS.resolve("invoice.paid.json")), StandardCharsets.UTF_8)
                .replaceFirst("\"created\":\\s*[0-9]+,", "");
        assertTrue(!withoutCreated.matches("(?s)^\\{\\s*\"id\"[^{]*\"created\".*"), "the test removed the event's created");
        post(withFreshId(withoutCreated.getBytes(StandardCharsets.UTF_8), eventId));
        await("the event to fail", () -> "FAILED".equals(status(eventId)));
        List<Row> attempts = attempts(eventId);
        assertEquals(1, attempts.size(), "no retry is spent on what can never succeed");
        assertEquals("io.billhook.handling.entity.PermanentFailure", attempts.get(0).errorClass());
        assertTrue(Billhook.queryString("SELECT last_error FROM webhook_event WHERE provider_event_id = ?", eventId)
                .contains("no created time"));
    }

    @Test
    void aPermanentFailureFailsAtOnceWithoutRetries() throws Exception {
        String eventId = freshEventId();
        // an invoice event whose data.object is a customer: it can never succeed as it is
        String customerObject = new String(read(Billhook.EVENTS.resolve("customer.created.json")), StandardCharsets.UTF_8)
                .replace("\"type\": \"customer.created\"", "\"type\": \"invoice.finalized\"");
        post(withFreshId(customerObject.getBytes(StandardCharsets.UTF_8), eventId));
        await("the event to fail", () -> "FAILED".equals(status(eventId)));
        List<Row> attempts = attempts(eventId);
        assertEquals(1, attempts.size());
        assertEquals("io.billhook.handling.entity.PermanentFailure", attempts.get(0).errorClass());
    }

    private static void linkCorpusCustomer() {
        byte[] customer = Billhook.withFreshId(read(Billhook.EVENTS.resolve("customer.created.json")), Billhook.freshEventId());
        post(customer);
        await("the corpus customer linked", () -> "PROCESSED".equals(status(Billhook.eventId(customer))));
    }

    private static String newChargeId() {
        return "ch_it" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    /** A refund of {@code charge}, which names no company of its own: it needs the charge. */
    private static byte[] refundOf(String charge, String eventId) {
        String refund = new String(read(Billhook.EVENTS.resolve("refund.created.json")), StandardCharsets.UTF_8)
                .replace(CORPUS_CHARGE, charge).replace(CORPUS_PAYMENT_INTENT, "pi_" + charge.substring(3))
                .replace("re_3uXfLj2eC3uLkQFzN2VDNJw6", "re_" + charge.substring(3));
        return withFreshId(refund.getBytes(StandardCharsets.UTF_8), eventId);
    }

    private static byte[] chargeOf(String charge, String eventId) {
        String succeeded = new String(read(Billhook.EVENTS.resolve("charge.succeeded.json")), StandardCharsets.UTF_8)
                .replace(CORPUS_CHARGE, charge).replace(CORPUS_PAYMENT_INTENT, "pi_" + charge.substring(3));
        return withFreshId(succeeded.getBytes(StandardCharsets.UTF_8), eventId);
    }

    private static String newCustomerId() {
        return "cus_it" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static byte[] invoiceOf(String customer, String eventId) {
        String invoice = new String(read(Billhook.EVENTS.resolve("invoice.finalized.json")), StandardCharsets.UTF_8)
                .replace(CORPUS_CUSTOMER, customer).replace(CORPUS_FINALIZED_INVOICE, "in_" + customer.substring(4));
        return withFreshId(invoice.getBytes(StandardCharsets.UTF_8), eventId);
    }

    private static void post(byte[] event) {
        assertEquals(200, postStripe(event).statusCode());
    }

    record Row(int attempt, String outcome, OffsetDateTime startedAt, OffsetDateTime finishedAt, String errorClass) {
    }

    private static List<Row> attempts(String eventId) throws Exception {
        try (Connection db = Billhook.database(); PreparedStatement query = db.prepareStatement("""
                SELECT a.attempt, a.outcome, a.started_at, a.finished_at, a.error_class
                  FROM webhook_attempt a JOIN webhook_event e ON e.id = a.webhook_event_id
                 WHERE e.provider_event_id = ? ORDER BY a.attempt""")) {
            query.setString(1, eventId);
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = query.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getInt(1), result.getString(2), result.getObject(3, OffsetDateTime.class),
                            result.getObject(4, OffsetDateTime.class), result.getString(5)));
                }
            }
            return rows;
        }
    }
}
