package io.billhook.companies.control;

import io.billhook.companies.entity.Company;
import io.billhook.companies.entity.CustomerLinked;
import io.billhook.companies.entity.StripeCustomer;
import io.billhook.companies.entity.UnknownStripeCustomer;
import io.billhook.webhooks.entity.PermanentFailure;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.OffsetDateTime;
import java.util.Map;

/** Finds companies and their Stripe customers, creating them on first sight. */
@Dependent
public class CompanyDirectory {

    public static final String COMPANY_ID = "company_id";

    @PersistenceContext
    EntityManager em;

    @Inject
    Event<CustomerLinked> linked;

    /** Creates the company if needed; concurrent creators meet in the primary key, not in an exception. */
    public Company company(long companyId) {
        em.createNativeQuery("INSERT INTO company (id) VALUES (?1) ON CONFLICT (id) DO NOTHING")
                .setParameter(1, companyId)
                .executeUpdate();
        return em.find(Company.class, companyId);
    }

    /** Links the customer to the company, and releases the events that were waiting for this link. */
    public StripeCustomer link(String stripeCustomerId, long companyId, String email, String name) {
        em.createNativeQuery("INSERT INTO stripe_customer (stripe_customer_id, company_id) VALUES (?1, ?2) "
                        + "ON CONFLICT (stripe_customer_id) DO NOTHING")
                .setParameter(1, stripeCustomerId)
                .setParameter(2, companyId)
                .executeUpdate();
        StripeCustomer customer = em.find(StripeCustomer.class, stripeCustomerId, LockModeType.PESSIMISTIC_WRITE);
        customer.belongsTo(companyId, email, name);
        linked.fire(new CustomerLinked(stripeCustomerId, companyId));
        return customer;
    }

    /**
     * The company an object belongs to: the {@code company_id} in its own metadata, else the company its
     * Stripe customer is linked to. Neither: {@link UnknownStripeCustomer}, which quarantines the event
     * until the customer is linked.
     */
    public long resolve(Map<String, String> metadata, String stripeCustomerId) {
        String companyKey = metadata == null ? null : metadata.get(COMPANY_ID);
        if (companyKey != null && !companyKey.isBlank()) {
            long companyId = parseCompanyId(companyKey);
            company(companyId);
            return companyId;
        }
        return companyOfStripeCustomer(stripeCustomerId);
    }

    public long companyOfStripeCustomer(String stripeCustomerId) {
        StripeCustomer customer = stripeCustomerId == null ? null : em.find(StripeCustomer.class, stripeCustomerId);
        if (customer == null) {
            throw new UnknownStripeCustomer(stripeCustomerId);
        }
        return customer.companyId();
    }

    /** customer.deleted: the link stays (its history does), marked deleted. */
    public boolean customerDeleted(String stripeCustomerId, OffsetDateTime at) {
        StripeCustomer customer = em.find(StripeCustomer.class, stripeCustomerId, LockModeType.PESSIMISTIC_WRITE);
        if (customer == null) {
            return false;
        }
        customer.deleted(at);
        return true;
    }

    public static long parseCompanyId(String companyKey) {
        try {
            return Long.parseLong(companyKey.trim());
        } catch (NumberFormatException e) {
            throw new PermanentFailure("metadata." + COMPANY_ID + " is not a company id: " + companyKey, e);
        }
    }
}
