package io.billhook.companies.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.billhook.companies.entity.StripeCustomer.Link;
import org.junit.jupiter.api.Test;

/** The customer → company link follows event time, and a browser-chosen reference never moves it. */
class StripeCustomerTest {

    @Test
    void theLinkFollowsEventTimeAndMovesOnlyWhenAllowed() {
        StripeCustomer customer = new StripeCustomer("cus_1", 17);
        assertEquals(Link.KEPT, customer.belongsTo(17, "a@example.com", "A", 1_000, true));
        assertEquals(Link.STALE, customer.belongsTo(18, "a@example.com", "A", 999, true), "an older event");
        assertEquals(17, customer.companyId());
        assertEquals(Link.REFUSED, customer.belongsTo(19, null, null, 2_000, false), "a client_reference_id");
        assertEquals(17, customer.companyId());
        assertEquals(Link.MOVED, customer.belongsTo(18, "a@example.com", "A", 1_500, true), "a newer event of the business");
        assertEquals(18, customer.companyId());
        assertEquals(Link.STALE, customer.belongsTo(17, "a@example.com", "A", 1_400, true));
        assertEquals(18, customer.companyId());
    }
}
