package it;

import static it.Billhook.await;
import static it.Billhook.eventId;
import static it.Billhook.json;
import static it.Billhook.postStripe;
import static it.Billhook.read;
import static it.Billhook.status;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Every event of the corpus, signed and posted as Stripe would, is stored once and has its effect. The corpus
 * customer comes first, as Stripe creates it first; everything else is posted at once, in file order, and
 * applied in whatever order the consumers take it.
 */
class StripeCorpusIT {

    /**
     * Sent once everything else is applied: they name an invoice or a subscription the first wave brings.
     * (Sent earlier, they would make the server fetch those from the Stripe API; StripeApiIT shows that.)
     */
    private static final List<String> SECOND_WAVE = List.of("invoice_payment.paid.json", "invoice.upcoming.json");

    /** Corpus events that are not simply PROCESSED, and why. */
    private static final Map<String, String> NOT_PROCESSED = Map.of(
            // its customer is linked to no company, and the session names none: it waits for the link
            "checkout.session.completed.json", "QUARANTINED",
            // a customer that was never linked to a company
            "customer.deleted.json", "IGNORED",
            // informational: no effect on billing
            "billing_portal.session.created.json", "IGNORED");

    @Test
    void everyCorpusEventIsAcknowledgedAfterStorageAndThenApplied() {
        List<Path> corpus = Billhook.corpus();
        List<Path> ordered = new ArrayList<>(corpus.stream().filter(p -> p.getFileName().toString().startsWith("customer.created")).toList());
        ordered.addAll(corpus.stream().filter(p -> !ordered.contains(p) && !SECOND_WAVE.contains(p.getFileName().toString())).toList());
        corpus.stream().filter(p -> SECOND_WAVE.contains(p.getFileName().toString())).forEach(ordered::add);
        String customer = eventId(read(ordered.get(0)));
        Map<String, String> idsByFile = new TreeMap<>();
        for (Path file : ordered) {
            byte[] body = read(file);
            HttpResponse<String> response = postStripe(body);
            assertEquals(200, response.statusCode(), file + ": " + response.body());
            JsonObject ack = json(response);
            assertFalse(ack.getBoolean("duplicate"), file.toString());
            assertTrue(ack.getJsonNumber("id").longValue() > 0);
            String eventId = eventId(body);
            assertEquals(1, Billhook.count("SELECT count(*) FROM webhook_event WHERE provider_event_id = ?", eventId),
                    "the row exists once the 200 is sent");
            idsByFile.put(file.getFileName().toString(), eventId);
            if (eventId.equals(customer)) {
                await("customer.created processed", () -> "PROCESSED".equals(status(customer)));
                linkTheOtherCorpusCustomer();
            }
            if (SECOND_WAVE.contains(file.getFileName().toString())) {
                idsByFile.forEach((f, id) -> await(f + " applied before the second wave", () -> !List.of("RECEIVED", "RETRYING")
                        .contains(status(id)) || SECOND_WAVE.contains(f)));
            }
        }
        // a refund, dispute or invoice payment taken before its charge or invoice is retried (1 s, 2 s, 4 s here)
        idsByFile.forEach((file, id) -> await(file + " applied", () -> {
            String status = status(id);
            return status.equals(NOT_PROCESSED.getOrDefault(file, "PROCESSED")) || "FAILED".equals(status);
        }));
        idsByFile.forEach((file, id) -> assertEquals(NOT_PROCESSED.getOrDefault(file, "PROCESSED"), status(id), file + ": "
                + Billhook.queryString("SELECT last_error FROM webhook_event WHERE provider_event_id = ?", id)));
        EFFECTS.forEach((file, check) -> assertEquals(check[1], Billhook.queryString(check[0]), file + ": " + check[0]));
        assertEquals("STRIPE_CUSTOMER cus_9UfOBPmsor685M", Billhook.queryString(
                "SELECT quarantine_kind || ' ' || quarantine_key FROM webhook_event WHERE provider_event_id = ?",
                idsByFile.get("checkout.session.completed.json")));
    }

    /**
     * The subscription pause, resume and trial events are about a customer without a customer event in the
     * corpus: a customer.created of this test links it (to company 18) and releases them if they came first.
     */
    private static void linkTheOtherCorpusCustomer() {
        byte[] other = Billhook.withFreshId(new String(read(Billhook.EVENTS.resolve("customer.created.json")), StandardCharsets.UTF_8)
                .replace("cus_i9PZ4egX3JwKQY", "cus_kgDT2GdEPEshgY").replace("\"company_id\": \"17\"", "\"company_id\": \"18\"")
                .getBytes(StandardCharsets.UTF_8), Billhook.freshEventId());
        assertEquals(200, postStripe(other).statusCode());
    }

    /** Each corpus file's effect on the domain, as a query and the answer it must give once all are applied. */
    private static final Map<String, String[]> EFFECTS = Map.ofEntries(
            effect("customer.created.json / customer.updated.json", "SELECT company_id::text FROM stripe_customer WHERE stripe_customer_id = 'cus_i9PZ4egX3JwKQY'", "17"),
            effect("invoice.created/.finalized/.updated/.payment_failed/.paid/.payment_succeeded.json",
                    "SELECT status || ' attempts=' || attempt_count || ' failed_once=' || payment_failed || ' paid=' || amount_paid FROM invoice WHERE stripe_invoice_id = 'in_1L91RT2eC3uLkQFz7HU5Jp56'",
                    "PAID attempts=2 failed_once=true paid=19900"),
            effect("invoice.voided.json", "SELECT status FROM invoice WHERE stripe_invoice_id = 'in_1qkkad2eC3uLkQFzzvYcTB2A'", "VOID"),
            effect("invoice.marked_uncollectible.json", "SELECT status FROM invoice WHERE stripe_invoice_id = 'in_1MPmRE2eC3uLkQFzQEHPaKg1'", "UNCOLLECTIBLE"),
            effect("invoice.deleted.json", "SELECT status || ' deleted=' || deleted FROM invoice WHERE stripe_invoice_id = 'in_1dqGlx2eC3uLkQFzEcjMX81c'", "DRAFT deleted=true"),
            effect("invoice.finalization_failed.json", "SELECT (finalization_error IS NOT NULL)::text FROM invoice WHERE stripe_invoice_id = 'in_103wQW2eC3uLkQFzkSrIUObI'", "true"),
            effect("invoice.sent.json", "SELECT status || ' sent=' || (sent_at IS NOT NULL) FROM invoice WHERE stripe_invoice_id = 'in_1lY6zj2eC3uLkQFzCQm7Bh9N'", "OPEN sent=true"),
            effect("invoice.payment_action_required.json", "SELECT status FROM invoice WHERE stripe_invoice_id = 'in_1JvXHs2eC3uLkQFzEvYFiZSh'", "OPEN"),
            effect("invoice.upcoming.json", "SELECT (next_invoice_amount IS NOT NULL)::text FROM subscription WHERE stripe_subscription_id = 'sub_1gQFL22eC3uLkQFzhGzv7FFZ'", "true"),
            effect("customer.subscription.created/.updated/.deleted.json", "SELECT status || ' ' || company_id FROM subscription WHERE stripe_subscription_id = 'sub_1gQFL22eC3uLkQFzhGzv7FFZ'", "canceled 17"),
            effect("customer.subscription.paused/.resumed/.trial_will_end.json",
                    "SELECT status || ' ' || company_id || ' notified=' || (trial_will_end_notified_at IS NOT NULL) FROM subscription WHERE stripe_subscription_id = 'sub_1MQJi12eC3uLkQFziR4mxaXt'",
                    "active 18 notified=true"),
            effect("charge.succeeded/.updated/.refunded.json", "SELECT status || ' refunded=' || amount_refunded FROM charge WHERE stripe_charge_id = 'ch_3uXfLj2eC3uLkQFzN2VDNJw6'", "succeeded refunded=2500"),
            effect("charge.failed.json", "SELECT status || ' ' || failure_code FROM charge WHERE stripe_charge_id = 'ch_3Iwouy2eC3uLkQFzM6BoDUyE'", "failed card_declined"),
            effect("charge.pending.json", "SELECT status FROM charge WHERE stripe_charge_id = 'ch_3LZSeo2eC3uLkQFzdYcXolaI'", "pending"),
            effect("charge.captured.json / charge.dispute.*.json", "SELECT status || ' captured=' || captured || ' disputed=' || disputed FROM charge WHERE stripe_charge_id = 'ch_38E1d62eC3uLkQFzklomZUsC'", "succeeded captured=true disputed=true"),
            effect("charge.dispute.created/.closed.json", "SELECT status || ' ' || company_id FROM dispute WHERE stripe_dispute_id = 'dp_1tXRaI2eC3uLkQFznIvbh5WK'", "lost 17"),
            effect("refund.created/.updated.json / charge.refund.updated.json", "SELECT status || ' ' || stripe_charge_id FROM refund WHERE stripe_refund_id = 're_3uXfLj2eC3uLkQFzN2VDNJw6'", "succeeded ch_3uXfLj2eC3uLkQFzN2VDNJw6"),
            effect("payment_intent.created/.requires_action/.succeeded.json", "SELECT status FROM payment WHERE stripe_payment_intent_id = 'pi_3uXfLj2eC3uLkQFzN2VDNJw6'", "succeeded"),
            effect("payment_intent.canceled.json", "SELECT status FROM payment WHERE stripe_payment_intent_id = 'pi_30wiAL2eC3uLkQFzXXMUQlQ8'", "canceled"),
            effect("payment_intent.processing.json", "SELECT status FROM payment WHERE stripe_payment_intent_id = 'pi_3LZSeo2eC3uLkQFzdYcXolaI'", "processing"),
            effect("payment_intent.payment_failed.json", "SELECT status || ' ' || coalesce(last_error_code, '-') FROM payment WHERE stripe_payment_intent_id = 'pi_3Iwouy2eC3uLkQFzM6BoDUyE'",
                    "requires_payment_method card_declined"),
            effect("invoice_payment.paid.json", "SELECT status || ' ' || parent_id || ' ' || related_id FROM stripe_record WHERE stripe_id = 'inpay_10pl9p2eC3uLkQFzSc1xTv2l'", "paid in_1L91RT2eC3uLkQFz7HU5Jp56 pi_3Iwouy2eC3uLkQFzM6BoDUyE"),
            effect("invoiceitem.created.json", "SELECT object_type || ' ' || company_id FROM stripe_record WHERE stripe_id = 'ii_1TOMXJ2eC3uLkQFzdELdMQQF'", "invoiceitem 17"),
            effect("credit_note.created.json", "SELECT status || ' ' || parent_id FROM stripe_record WHERE stripe_id = 'cn_1E0e332eC3uLkQFzvNYbx3zK'", "issued in_15Mqab2eC3uLkQFz3pfbGn1Q"),
            effect("checkout.session.expired.json", "SELECT status || ' ' || coalesce(company_id::text, 'none') FROM stripe_record WHERE stripe_id = 'cs_test_a1NtQbkv7Qz7TCTUHkWzBGkLkGmEx8lH6JUPlIETC1VXWupNHrj7szKIE8'", "expired none"),
            effect("payment_method.attached.json", "SELECT status || ' ' || company_id FROM stripe_record WHERE stripe_id = 'pm_1w5ERU2eC3uLkQFznRYDZx6n'", "attached 17"),
            effect("payment_method.detached.json", "SELECT status || ' ' || company_id FROM stripe_record WHERE stripe_id = 'pm_1X7zPy2eC3uLkQFzv3BslyiV'", "detached 17"),
            effect("setup_intent.succeeded.json", "SELECT status FROM stripe_record WHERE stripe_id = 'seti_1r3dTz2eC3uLkQFzq2pEY7rh'", "succeeded"),
            effect("subscription_schedule.created.json", "SELECT status FROM stripe_record WHERE stripe_id = 'sub_sched_1AzsXv2eC3uLkQFznjp4C85F'", "not_started"),
            effect("product.created.json", "SELECT object_type || ' ' || coalesce(company_id::text, 'none') FROM stripe_record WHERE stripe_id = 'prod_b57jjN2sT3REyA'", "product none"),
            effect("price.created.json / plan.created.json", "SELECT (company_id IS NULL)::text FROM stripe_record WHERE stripe_id = 'price_1ccuOd2eC3uLkQFzyELfVM4v'", "true"));

    private static Map.Entry<String, String[]> effect(String files, String query, String expected) {
        return Map.entry(files, new String[] {query, expected});
    }

    @Test
    void aTypeWithoutEffectIsIgnoredWithItsReason() {
        String eventId = Billhook.freshEventId();
        byte[] body = Billhook.withFreshId(new String(read(Billhook.EVENTS.resolve("price.created.json")), StandardCharsets.UTF_8)
                .replace("\"type\": \"price.created\"", "\"type\": \"billing.meter.created\"")
                .getBytes(StandardCharsets.UTF_8), eventId);
        assertEquals(200, postStripe(body).statusCode());
        await("ignored", () -> "IGNORED".equals(status(eventId)));
        assertEquals(1, Billhook.count("""
                SELECT count(*) FROM webhook_attempt a JOIN webhook_event e ON e.id = a.webhook_event_id
                 WHERE e.provider_event_id = ? AND a.outcome = 'IGNORED'""", eventId));
    }

}
