package io.billhook.stripe.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StripeDetailTest {

    private static Optional<Map<String, String>> detailOf(String file) throws IOException {
        return StripeDetail.of(StripePayloads.event(Files.readString(StripePayloadsTest.CORPUS.resolve(file))));
    }

    @Test
    void anInvoiceShowsItsAmountInMajorUnitsAndItsSubscription() throws IOException {
        Map<String, String> detail = detailOf("invoice.paid.json").orElseThrow();
        assertEquals("in_1L91RT2eC3uLkQFz7HU5Jp56", detail.get("invoice_id"));
        assertEquals("cus_i9PZ4egX3JwKQY", detail.get("customer_id"));
        assertEquals("sub_1gQFL22eC3uLkQFzhGzv7FFZ", detail.get("subscription_id"));
        assertEquals("199.00", detail.get("amount_due"));
        assertEquals("USD", detail.get("currency"));
        assertEquals("paid", detail.get("status"));
        assertEquals("subscription_cycle", detail.get("billing_reason"));
    }

    @Test
    void aFailedChargeShowsItsFailureCode() throws IOException {
        Map<String, String> detail = detailOf("charge.failed.json").orElseThrow();
        assertEquals("ch_3Iwouy2eC3uLkQFzM6BoDUyE", detail.get("charge_id"));
        assertEquals("199.00", detail.get("amount"));
        assertEquals("USD", detail.get("currency"));
        assertEquals("failed", detail.get("status"));
        assertEquals("card_declined", detail.get("failure_code"));
    }

    @Test
    void aSubscriptionShowsItsStatusAndCurrentPeriod() throws IOException {
        Map<String, String> detail = detailOf("customer.subscription.updated.json").orElseThrow();
        assertEquals("sub_1gQFL22eC3uLkQFzhGzv7FFZ", detail.get("subscription_id"));
        assertEquals("active", detail.get("status"));
        assertEquals("2026-09-10T14:01:00Z", detail.get("current_period_start"));
        assertEquals("2026-10-10T14:01:00Z", detail.get("current_period_end"));
    }

    @Test
    void otherObjectsHaveNoDetailLine() throws IOException {
        assertTrue(detailOf("customer.created.json").isEmpty());
        assertTrue(detailOf("charge.dispute.created.json").isEmpty());
        assertTrue(detailOf("product.created.json").isEmpty());
    }

    @Test
    void nothingIsNull() throws IOException {
        assertTrue(detailOf("charge.succeeded.json").orElseThrow().values().stream().allMatch(v -> v != null));
    }
}
