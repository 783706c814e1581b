package io.billhook.stripe.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.stripe.exception.ApiConnectionException;
import com.stripe.model.Invoice;
import io.billhook.handling.entity.FetchFirst;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StripeObjectsTest {

    private final AtomicInteger calls = new AtomicInteger();
    private final Invoice invoice = new Invoice();
    private final StripeObjects objects = new StripeObjects();

    StripeObjectsTest() {
        objects.calls = new StripeCalls() {
            @Override
            public Invoice invoice(String stripeInvoiceId) throws ApiConnectionException {
                if (stripeInvoiceId.equals("in_down")) {
                    throw new ApiConnectionException("no route to Stripe");
                }
                calls.incrementAndGet();
                return invoice;
            }
        };
    }

    @Test
    void whatIsNotFetchedYetIsAskedForAndThenAnsweredWithoutAnotherCall() {
        FetchFirst needed = assertThrows(FetchFirst.class, () -> objects.invoice("in_1"));
        assertEquals(0, calls.get(), "nothing is fetched inside the transaction that asked");
        needed.fetch();
        StripeObjects.Fetched<Invoice> fetched = objects.invoice("in_1");
        assertSame(invoice, fetched.object());
        assertEquals(System.currentTimeMillis() / 1000, fetched.version(), 2.0, "its version is the time it was read");
        objects.invoice("in_1");
        assertEquals(1, calls.get());
    }

    @Test
    void anApiThatFailsFailsTheFetchTransientlyAndKeepsNothing() {
        FetchFirst needed = assertThrows(FetchFirst.class, () -> objects.invoice("in_down"));
        assertThrows(StripeObjects.StripeUnavailable.class, needed::fetch);
        assertThrows(FetchFirst.class, () -> objects.invoice("in_down"));
    }
}
