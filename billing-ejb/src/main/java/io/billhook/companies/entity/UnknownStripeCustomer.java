package io.billhook.companies.entity;

import io.billhook.handling.entity.QuarantineKey;
import io.billhook.handling.entity.UnresolvedCompany;
import jakarta.ejb.ApplicationException;

/** An event names a Stripe customer that no company is linked to (yet). */
@ApplicationException(rollback = true)
public class UnknownStripeCustomer extends UnresolvedCompany {
    public UnknownStripeCustomer(String stripeCustomerId) {
        super(stripeCustomerId == null ? null : QuarantineKey.stripeCustomer(stripeCustomerId),
                stripeCustomerId == null ? "the object names neither a company nor a customer"
                : "no company is linked to Stripe customer " + stripeCustomerId);
    }
}
