package io.billhook.stripe.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StripeHttpClientTest {

    @Test
    void aSpanIsNamedByTheApiNotByTheObject() {
        assertEquals("/v1/invoices/{id}", StripeHttpClient.route("/v1/invoices/in_1L91RT2eC3uLkQFz7HU5Jp56"));
        assertEquals("/v1/subscriptions/{id}", StripeHttpClient.route("/v1/subscriptions/sub_1MowQVLkdIwHu7ixeRlqHVzs"));
        assertEquals("/v1/customers/{id}/balance_transactions",
                StripeHttpClient.route("/v1/customers/cus_NffrFeUfNV2Hib/balance_transactions"));
        assertEquals("/v1/billing/meter_events", StripeHttpClient.route("/v1/billing/meter_events"));
    }

    @Test
    void retryAfterIsReadInSeconds() {
        assertEquals(Optional.of(Duration.ofSeconds(3)), StripeHttpClient.seconds("3"));
        assertEquals(Optional.of(Duration.ZERO), StripeHttpClient.seconds(" 0 "));
        assertEquals(Optional.empty(), StripeHttpClient.seconds("Wed, 21 Oct 2026 07:28:00 GMT"));
        assertEquals(Optional.empty(), StripeHttpClient.seconds("-1"));
    }
}
