package io.billhook.companies.control;

import io.billhook.alerts.boundary.Alerts;
import io.billhook.companies.entity.Company;
import io.billhook.companies.entity.PhoneNumber;
import io.billhook.companies.entity.StripeCustomer;
import io.billhook.companies.entity.UnknownStripeCustomer;
import io.billhook.handling.entity.PermanentFailure;
import io.billhook.handling.entity.QuarantineKey;
import io.billhook.quarantine.control.CompanyKeys;
import io.billhook.quarantine.entity.CompanyKeyLinked;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Finds companies and their Stripe customers, creating them on first sight. */
@Dependent
public class CompanyDirectory implements CompanyKeys {

    public static final String COMPANY_ID = "company_id";

    @PersistenceContext
    EntityManager em;

    private static final System.Logger LOG = System.getLogger(CompanyDirectory.class.getName());

    @Inject
    Event<CompanyKeyLinked> linked;

    @Inject
    Alerts alerts;

    /** Creates the company if needed; concurrent creators meet in the primary key, not in an exception. */
    public Company company(long companyId) {
        em.createNativeQuery("INSERT INTO company (id) VALUES (?1) ON CONFLICT (id) DO NOTHING")
                .setParameter(1, companyId)
                .executeUpdate();
        return em.find(Company.class, companyId);
    }

    /**
     * Links the customer to the company as of {@code version} (its event's created time), and releases the events
     * that were waiting for this link. A link that an event moves to another company is logged and alerted; one
     * that {@code mayMove} does not allow to move stays, and so does one set by a newer event.
     */
    public StripeCustomer.Link link(String stripeCustomerId, long companyId, String email, String name, long version,
                                    boolean mayMove) {
        QuarantineKey key = QuarantineKey.stripeCustomer(stripeCustomerId);
        // taken first, so that an event of this customer that looks for the link meanwhile waits for it
        lock(key);
        em.createNativeQuery("INSERT INTO stripe_customer (stripe_customer_id, company_id) VALUES (?1, ?2) "
                        + "ON CONFLICT (stripe_customer_id) DO NOTHING")
                .setParameter(1, stripeCustomerId)
                .setParameter(2, companyId)
                .executeUpdate();
        StripeCustomer customer = em.find(StripeCustomer.class, stripeCustomerId, LockModeType.PESSIMISTIC_WRITE);
        long before = customer.companyId();
        StripeCustomer.Link link = customer.belongsTo(companyId, email, name, version, mayMove);
        switch (link) {
            case MOVED -> {
                LOG.log(Level.WARNING, "Stripe customer {0} moved from company {1} to company {2}", stripeCustomerId,
                        before, companyId);
                alerts.customerRelinked(stripeCustomerId, before, companyId);
            }
            case REFUSED -> LOG.log(Level.WARNING, "Stripe customer {0} belongs to company {1}; a checkout naming company"
                    + " {2} by its client_reference_id does not move it", stripeCustomerId, before, companyId);
            default -> { }
        }
        announce(key, customer.companyId());
        return link;
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
        if (stripeCustomerId == null) {
            throw new UnknownStripeCustomer(null);
        }
        StripeCustomer customer = em.find(StripeCustomer.class, stripeCustomerId);
        if (customer == null) {
            // a link in flight holds the customer's lock until it commits: waited for, it spares a quarantine
            lock(QuarantineKey.stripeCustomer(stripeCustomerId));
            customer = em.find(StripeCustomer.class, stripeCustomerId);
        }
        if (customer == null) {
            throw new UnknownStripeCustomer(stripeCustomerId);
        }
        return customer.companyId();
    }

    /** The company that owns this number, if any. */
    public Optional<Long> companyOfPhone(PhoneNumber number) {
        return em.createNativeQuery("SELECT company_id FROM phone_number WHERE e164 = ?1")
                .setParameter(1, number.e164())
                .getResultStream().findFirst().map(id -> ((Number) id).longValue());
    }

    /** The company a Cal.com organizer, team or event type belongs to, if mapped. */
    public Optional<Long> companyOfCalcom(String kind, String value) {
        // an organizer is an email address: one address however it is capitalised
        return em.createNativeQuery("""
                        SELECT company_id FROM calcom_mapping
                         WHERE kind = ?1 AND (value = ?2 OR kind = 'organizer' AND lower(value) = lower(?2))
                         ORDER BY value = ?2 DESC LIMIT 1""")
                .setParameter(1, kind)
                .setParameter(2, value)
                .getResultStream().findFirst().map(id -> ((Number) id).longValue());
    }

    /** Gives the number to the company (taking it from another one) and releases what waited for it. */
    public void assignPhone(long companyId, PhoneNumber number, String label) {
        company(companyId);
        lock(number.quarantineKey());
        em.createNativeQuery("""
                        INSERT INTO phone_number (e164, company_id, label) VALUES (?1, ?2, ?3)
                        ON CONFLICT (e164) DO UPDATE SET company_id = excluded.company_id, label = excluded.label""")
                .setParameter(1, number.e164())
                .setParameter(2, companyId)
                .setParameter(3, label)
                .executeUpdate();
        announce(number.quarantineKey(), companyId);
    }

    public boolean unassignPhone(long companyId, PhoneNumber number) {
        return em.createNativeQuery("DELETE FROM phone_number WHERE e164 = ?1 AND company_id = ?2")
                .setParameter(1, number.e164())
                .setParameter(2, companyId)
                .executeUpdate() > 0;
    }

    /** Maps a Cal.com organizer (email), team or event type (id) to the company and releases what waited for it. */
    public void mapCalcom(long companyId, String kind, String mapped) {
        String value = "organizer".equals(kind) ? mapped.toLowerCase(Locale.ROOT) : mapped;
        QuarantineKey key = QuarantineKey.calcom(kind, value);
        company(companyId);
        lock(key);
        em.createNativeQuery("""
                        INSERT INTO calcom_mapping (kind, value, company_id) VALUES (?1, ?2, ?3)
                        ON CONFLICT (kind, value) DO UPDATE SET company_id = excluded.company_id""")
                .setParameter(1, kind)
                .setParameter(2, value)
                .setParameter(3, companyId)
                .executeUpdate();
        announce(key, companyId);
    }

    public boolean unmapCalcom(long companyId, String kind, String value) {
        return em.createNativeQuery("DELETE FROM calcom_mapping WHERE kind = ?1 AND value = ?2 AND company_id = ?3")
                .setParameter(1, kind)
                .setParameter(2, value)
                .setParameter(3, companyId)
                .executeUpdate() > 0;
    }

    /** Releases, in this transaction, the events quarantined for the key, whose lock the caller holds. */
    private void announce(QuarantineKey key, long companyId) {
        linked.fire(new CompanyKeyLinked(key, companyId));
    }

    /**
     * Whether the key of an unresolved company is linked to a company now. An attempt decides to quarantine in a
     * transaction that has already rolled back, so a link can commit in between and release nothing: the key's
     * lock, which the linking transaction holds until it commits, orders the two. Either this check sees the
     * link, or the link's release sees the quarantined row.
     */
    @Override
    public boolean isLinked(QuarantineKey key) {
        lock(key);
        var query = switch (key.kind()) {
            case STRIPE_CUSTOMER -> em.createNativeQuery("SELECT 1 FROM stripe_customer WHERE stripe_customer_id = ?1")
                    .setParameter(1, key.value());
            case PHONE_NUMBER -> em.createNativeQuery("SELECT 1 FROM phone_number WHERE e164 = ?1")
                    .setParameter(1, key.value());
            case CALCOM_ORGANIZER, CALCOM_TEAM, CALCOM_EVENT_TYPE -> em.createNativeQuery(
                            "SELECT 1 FROM calcom_mapping WHERE kind = ?1 AND lower(value) = lower(?2)")
                    .setParameter(1, key.kind().name().substring("CALCOM_".length()).toLowerCase(Locale.ROOT))
                    .setParameter(2, key.value());
        };
        return query.getResultStream().findFirst().isPresent();
    }

    private void lock(QuarantineKey key) {
        em.createNativeQuery("SELECT 1 FROM (SELECT pg_advisory_xact_lock(hashtextextended(?1, 0))) l")
                .setParameter(1, key.lockName())
                .getSingleResult();
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
