package io.billhook.stripe.entity;

import jakarta.ejb.ApplicationException;

/** What was asked needs the Stripe API (a backfill, a reconciliation), and this server has no key for it. */
@ApplicationException
public class StripeApiNotConfigured extends RuntimeException {

    /** {@code why}: what needs the API, as the end of the message. */
    public StripeApiNotConfigured(String why) {
        super("the Stripe API is not configured (STRIPE_API_KEY): " + why);
    }
}
