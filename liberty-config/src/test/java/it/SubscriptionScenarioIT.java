package it;

import static it.Billhook.EVENTS;
import static it.Billhook.await;
import static it.Billhook.eventId;
import static it.Billhook.postStripe;
import static it.Billhook.read;
import static it.Billhook.status;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The subscription lifecycle scenario (14 events over two monthly cycles), posted in order as Stripe sends
 * it, ends in the state the issue describes. Random orders are proved in billing-ejb's ScenarioOrderIT.
 */
class SubscriptionScenarioIT {

    private static final Path SCENARIO = EVENTS.resolve("scenario-subscription-lifecycle");

    @Test
    void theLifecycleEndsWithCompany42sSubscriptionPeriodsInvoicesAndCharges() throws Exception {
        for (String file : List.of("01-customer.created.json", "02-customer.subscription.created.json",
                "03-invoice.created.json", "04-invoice.finalized.json", "05-invoice.paid.json",
                "06-charge.succeeded.json", "07-invoice.created.json", "08-invoice.finalized.json",
                "09-invoice.payment_failed.json", "10-charge.failed.json", "11-invoice.paid.json",
                "12-charge.succeeded.json", "13-charge.refunded.json", "14-customer.subscription.deleted.json")) {
            deliverAndAwait(file);
        }
        assertEquals(List.of("cus_7uyBkUAiUDO6QX 42"),
                rows("SELECT stripe_customer_id || ' ' || company_id FROM stripe_customer WHERE stripe_customer_id = 'cus_7uyBkUAiUDO6QX'"));
        assertEquals(List.of("sub_1fZnXq2eC3uLkQFzcR8Z9hqd canceled 42"),
                rows("SELECT stripe_subscription_id || ' ' || status || ' ' || company_id FROM subscription WHERE company_id = 42"));
        assertEquals(List.of(
                        "2026-08-03T09:15:42Z PAID in_1tzSEi2eC3uLkQFzixF6oUQc PAID 4900 attempts 1",
                        "2026-09-03T09:15:42Z PAID in_1RzLkW2eC3uLkQFzY6ETFOks PAID 4900 attempts 2"),
                rows("""
                        SELECT to_char(p.period_start AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') || ' ' || p.status
                               || ' ' || i.stripe_invoice_id || ' ' || i.status || ' ' || i.amount_paid
                               || ' attempts ' || i.attempt_count
                          FROM billing_period p JOIN invoice i ON i.billing_period_id = p.id
                         WHERE p.stripe_subscription_id = 'sub_1fZnXq2eC3uLkQFzcR8Z9hqd' ORDER BY p.period_start"""));
        assertEquals(2, rows("SELECT id::text FROM billing_period WHERE stripe_subscription_id = 'sub_1fZnXq2eC3uLkQFzcR8Z9hqd'").size());
        assertEquals(List.of(
                        "ch_3yLQE12eC3uLkQFzUANcBSMd succeeded refunded 0 -",
                        "ch_3cbbXv2eC3uLkQFzqmDuP8VQ failed refunded 0 card_declined",
                        "ch_3GFeGd2eC3uLkQFzmccF9uAs succeeded refunded 4900 -"),
                rows("""
                        SELECT stripe_charge_id || ' ' || status || ' refunded ' || amount_refunded || ' '
                               || coalesce(failure_code, '-')
                          FROM charge WHERE stripe_customer_id = 'cus_7uyBkUAiUDO6QX' ORDER BY stripe_created_at"""));
    }

    private static void deliverAndAwait(String file) {
        byte[] body = read(SCENARIO.resolve(file));
        assertEquals(200, postStripe(body).statusCode());
        String id = eventId(body);
        await(file + " processed", () -> "PROCESSED".equals(status(id)));
    }

    private static List<String> rows(String sql) throws Exception {
        try (Connection db = Billhook.database(); PreparedStatement query = db.prepareStatement(sql);
             ResultSet result = query.executeQuery()) {
            List<String> rows = new ArrayList<>();
            while (result.next()) {
                rows.add(result.getString(1));
            }
            return rows;
        }
    }
}
