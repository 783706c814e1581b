package io.billhook.handling.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LaneTest {

    @ParameterizedTest
    @CsvSource({
            "RETELL, call_ended, HIGH",
            "CALCOM, BOOKING_CREATED, HIGH",
            "STRIPE, invoice.paid, MEDIUM",
            "STRIPE, invoice.finalized, MEDIUM",
            "STRIPE, charge.dispute.created, MEDIUM",
            "STRIPE, customer.subscription.updated, MEDIUM",
            "STRIPE, checkout.session.completed, MEDIUM",
            "STRIPE, payment_intent.succeeded, MEDIUM",
            "STRIPE, refund.created, MEDIUM",
            "STRIPE, v1.invoice.paid, MEDIUM",
            "STRIPE, v1.billing.meter.error_report_triggered, MEDIUM",
            "STRIPE, v1.invoice.upcoming, LOW",
            "STRIPE, invoice.upcoming, LOW",
            "STRIPE, product.created, LOW",
            "STRIPE, price.updated, LOW",
            "STRIPE, plan.created, LOW",
            "STRIPE, billing_portal.session.created, LOW"
    })
    void lanesFollowTheProviderAndTheEventFamily(Provider provider, String type, Lane lane) {
        assertEquals(lane, Lane.of(provider, type));
    }

    @ParameterizedTest
    @CsvSource({"HIGH, 8", "MEDIUM, 5", "LOW, 1"})
    void lanesMapToJmsPriorities(Lane lane, int priority) {
        assertEquals(priority, lane.jmsPriority());
    }
}
