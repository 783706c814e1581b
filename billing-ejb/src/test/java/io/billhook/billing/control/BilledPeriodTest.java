package io.billhook.billing.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.stripe.model.Invoice;
import com.stripe.model.InvoiceLineItem;
import io.billhook.stripe.control.StripePayloads;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class BilledPeriodTest {

    static final Path SCENARIO = Path.of(System.getProperty("billhook.stripe.events", "../../shared/stripe-events"))
            .resolve("scenario-subscription-lifecycle");

    @Test
    void aRenewalBillsTheLinePeriodNotTheInvoicePeriodThatJustEnded() throws IOException {
        Invoice renewal = invoice("08-invoice.finalized.json");
        assertEquals("subscription_cycle", renewal.getBillingReason());
        InvoiceLineItem line = StripeInvoiceEvents.billedPeriod(renewal).orElseThrow();
        assertEquals(1788426942L, line.getPeriod().getStart()); // cycle 2: 2026-09-03
        assertEquals(1791018942L, line.getPeriod().getEnd());
        assertNotEquals(renewal.getPeriodStart(), line.getPeriod().getStart());
    }

    @Test
    void theFirstInvoiceBillsTheFirstCycle() throws IOException {
        InvoiceLineItem line = StripeInvoiceEvents.billedPeriod(invoice("04-invoice.finalized.json")).orElseThrow();
        assertEquals(1785748542L, line.getPeriod().getStart());
        assertEquals(1788426942L, line.getPeriod().getEnd());
        assertEquals("sub_1fZnXq2eC3uLkQFzcR8Z9hqd", line.getParent().getSubscriptionItemDetails().getSubscription());
    }

    private static Invoice invoice(String file) throws IOException {
        return StripePayloads.object(StripePayloads.event(Files.readString(SCENARIO.resolve(file))), Invoice.class);
    }
}
