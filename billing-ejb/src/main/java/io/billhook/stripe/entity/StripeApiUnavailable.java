package io.billhook.stripe.entity;

import jakarta.ejb.ApplicationException;

/** The Stripe API could not be read (down, refusing, its circuit open) for an operator's request: nothing was changed. */
@ApplicationException
public class StripeApiUnavailable extends RuntimeException {

    public StripeApiUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
