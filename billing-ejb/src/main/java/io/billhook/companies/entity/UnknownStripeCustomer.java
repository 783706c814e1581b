package io.billhook.companies.entity;

import jakarta.ejb.ApplicationException;

/** An event names a Stripe customer that no company is linked to (yet). */
@ApplicationException(rollback = true)
public class UnknownStripeCustomer extends RuntimeException {
    public UnknownStripeCustomer(String stripeCustomerId) {
        super("no company is linked to Stripe customer " + stripeCustomerId);
    }
}
