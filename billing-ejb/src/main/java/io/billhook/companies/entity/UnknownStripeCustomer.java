package io.billhook.companies.entity;

import jakarta.ejb.ApplicationException;

/** An event names a Stripe customer that no company is linked to (yet). */
@ApplicationException(rollback = true)
public class UnknownStripeCustomer extends UnresolvedCompany {
    public UnknownStripeCustomer(String stripeCustomerId) {
        super(stripeCustomerId, stripeCustomerId == null ? "the object names neither a company nor a customer"
                : "no company is linked to Stripe customer " + stripeCustomerId);
    }
}
