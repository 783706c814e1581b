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
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The first real effects: a customer linked to company 42, and its invoices attached to the periods they bill. */
class SubscriptionScenarioIT {

    private static final Path SCENARIO = EVENTS.resolve("scenario-subscription-lifecycle");

    @Test
    void finalizedInvoicesAreLinkedToCompany42sBillingPeriodOfTheirLineItem() throws Exception {
        deliverAndAwait("01-customer.created.json");
        deliverAndAwait("04-invoice.finalized.json");
        deliverAndAwait("08-invoice.finalized.json");

        assertEquals("42", Billhook.queryString("SELECT company_id::text FROM stripe_customer WHERE stripe_customer_id = 'cus_7uyBkUAiUDO6QX'"));
        assertInvoiceInPeriod("in_1tzSEi2eC3uLkQFzixF6oUQc", "2026-08-03T09:15:42Z", "2026-09-03T09:15:42Z");
        // the renewal bills cycle 2, although its own period_start/period_end are cycle 1
        assertInvoiceInPeriod("in_1RzLkW2eC3uLkQFzY6ETFOks", "2026-09-03T09:15:42Z", "2026-10-03T09:15:42Z");
    }

    private static void deliverAndAwait(String file) {
        byte[] body = read(SCENARIO.resolve(file));
        assertEquals(200, postStripe(body).statusCode());
        String id = eventId(body);
        await(file + " processed", () -> "PROCESSED".equals(status(id)));
    }

    private static void assertInvoiceInPeriod(String stripeInvoiceId, String start, String end) throws Exception {
        try (Connection db = Billhook.database(); PreparedStatement query = db.prepareStatement("""
                SELECT i.company_id, i.status, i.currency, i.amount_due, p.company_id, p.stripe_subscription_id,
                       p.period_start, p.period_end, p.status
                  FROM invoice i JOIN billing_period p ON p.id = i.billing_period_id
                 WHERE i.stripe_invoice_id = ?""")) {
            query.setString(1, stripeInvoiceId);
            try (ResultSet row = query.executeQuery()) {
                assertEquals(true, row.next(), stripeInvoiceId + " is linked to a billing period");
                assertEquals(42, row.getLong(1));
                assertEquals("OPEN", row.getString(2));
                assertEquals("USD", row.getString(3));
                assertEquals(4900, row.getLong(4));
                assertEquals(42, row.getLong(5));
                assertEquals("sub_1fZnXq2eC3uLkQFzcR8Z9hqd", row.getString(6));
                assertEquals(OffsetDateTime.parse(start), row.getObject(7, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC));
                assertEquals(OffsetDateTime.parse(end), row.getObject(8, OffsetDateTime.class).withOffsetSameInstant(ZoneOffset.UTC));
                assertEquals("OPEN", row.getString(9));
            }
        }
    }
}
