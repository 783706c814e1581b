package io.billhook.backfill.entity;

/** A backfill needs the Stripe API, and this server has no key for it. */
public class StripeApiNotConfigured extends RuntimeException {

    public StripeApiNotConfigured() {
        super("the Stripe API is not configured (STRIPE_API_KEY): a backfill reads Stripe's Events API");
    }
}
