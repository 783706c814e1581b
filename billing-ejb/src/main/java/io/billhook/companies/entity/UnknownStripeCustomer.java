package io.billhook.companies.entity;

import jakarta.ejb.ApplicationException;

/** An event names a Stripe customer that no company is linked to (yet). */
@ApplicationException(rollback = true)
public class UnknownStripeCustomer extends RuntimeException {

    private final String stripeCustomerId;

    public UnknownStripeCustomer(String stripeCustomerId) {
        super(stripeCustomerId == null ? "the object names neither a company nor a customer"
                : "no company is linked to Stripe customer " + stripeCustomerId);
        this.stripeCustomerId = stripeCustomerId;
    }

    public String stripeCustomerId() {
        return stripeCustomerId;
    }

    /** The unknown customer somewhere in {@code error}'s causes, if that is what it is. */
    public static java.util.Optional<UnknownStripeCustomer> in(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof UnknownStripeCustomer unknown) {
                return java.util.Optional.of(unknown);
            }
        }
        return java.util.Optional.empty();
    }
}
