package io.billhook.companies.control;

import io.billhook.companies.entity.Company;
import io.billhook.companies.entity.StripeCustomer;
import io.billhook.companies.entity.UnknownStripeCustomer;
import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;

/** Finds companies and their Stripe customers, creating them on first sight. */
@Dependent
public class CompanyDirectory {

    @PersistenceContext
    EntityManager em;

    /** Creates the company if needed; concurrent creators meet in the primary key, not in an exception. */
    public Company company(long companyId) {
        em.createNativeQuery("INSERT INTO company (id) VALUES (?1) ON CONFLICT (id) DO NOTHING")
                .setParameter(1, companyId)
                .executeUpdate();
        return em.find(Company.class, companyId);
    }

    public StripeCustomer link(String stripeCustomerId, long companyId, String email, String name) {
        em.createNativeQuery("INSERT INTO stripe_customer (stripe_customer_id, company_id) VALUES (?1, ?2) "
                        + "ON CONFLICT (stripe_customer_id) DO NOTHING")
                .setParameter(1, stripeCustomerId)
                .setParameter(2, companyId)
                .executeUpdate();
        StripeCustomer customer = em.find(StripeCustomer.class, stripeCustomerId, LockModeType.PESSIMISTIC_WRITE);
        customer.belongsTo(companyId, email, name);
        return customer;
    }

    public long companyOfStripeCustomer(String stripeCustomerId) {
        StripeCustomer customer = stripeCustomerId == null ? null : em.find(StripeCustomer.class, stripeCustomerId);
        if (customer == null) {
            throw new UnknownStripeCustomer(stripeCustomerId);
        }
        return customer.companyId();
    }
}
