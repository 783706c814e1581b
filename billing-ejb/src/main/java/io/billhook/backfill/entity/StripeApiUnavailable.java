package io.billhook.backfill.entity;

/** Stripe's Events API could not be read (down, refusing, its circuit open): nothing was changed. */
public class StripeApiUnavailable extends RuntimeException {

    public StripeApiUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
