package io.billhook.webhooks.boundary;

import io.billhook.companies.entity.CompanyKeyLinked;
import io.billhook.webhooks.control.EventQueue;
import io.billhook.webhooks.entity.Wakeup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * Events whose company could not be resolved wait here, QUARANTINED. When what they wait for (a Stripe
 * customer, a phone number, a Cal.com mapping) is linked to a company they are RECEIVED again and woken, in the transaction that made the link: if it rolls back,
 * they stay quarantined.
 */
@ApplicationScoped
public class Quarantine {

    private static final System.Logger LOG = System.getLogger(Quarantine.class.getName());

    private static final String RELEASE = """
            UPDATE webhook_event SET status = 'RECEIVED', quarantined_customer = NULL, enqueued_at = now()
             WHERE status = 'QUARANTINED' AND quarantined_customer = ?1
            RETURNING id, lane, correlation_id""";

    @PersistenceContext
    EntityManager em;

    @Inject
    EventQueue queue;

    void release(@Observes CompanyKeyLinked linked) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(RELEASE).setParameter(1, linked.key()).getResultList();
        if (rows.isEmpty()) {
            return;
        }
        queue.wakeUp(rows.stream()
                .map(Wakeup::ofRow)
                .toList());
        LOG.log(Level.INFO, "Released {0} quarantined webhook events waiting for {1} (company {2})", rows.size(),
                linked.key(), linked.companyId());
    }
}
