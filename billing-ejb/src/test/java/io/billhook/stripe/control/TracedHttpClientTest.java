package io.billhook.stripe.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TracedHttpClientTest {

    @Test
    void aSpanIsNamedByTheApiNotByTheObject() {
        assertEquals("/v1/invoices/{id}", TracedHttpClient.route("/v1/invoices/in_1L91RT2eC3uLkQFz7HU5Jp56"));
        assertEquals("/v1/subscriptions/{id}", TracedHttpClient.route("/v1/subscriptions/sub_1MowQVLkdIwHu7ixeRlqHVzs"));
        assertEquals("/v1/customers/{id}/balance_transactions",
                TracedHttpClient.route("/v1/customers/cus_NffrFeUfNV2Hib/balance_transactions"));
        assertEquals("/v1/billing/meter_events", TracedHttpClient.route("/v1/billing/meter_events"));
    }
}
