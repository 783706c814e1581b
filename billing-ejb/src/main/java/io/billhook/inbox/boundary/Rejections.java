package io.billhook.inbox.boundary;

import io.billhook.alerts.boundary.Alerts;
import io.billhook.inbox.control.LogBudget;
import io.billhook.inbox.entity.Rejection;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.lang.System.Logger.Level;
import java.time.Clock;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Records a refused request — what operators look at to spot forged traffic or a wrong secret — counts it, and
 * raises the signature-failure alert. A boundary with a transaction of its own, so the record is kept whatever
 * else happens.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class Rejections {

    private static final System.Logger LOG = System.getLogger(Rejections.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    MetricRegistry metrics;

    @Inject
    Alerts alerts;

    /**
     * The first few refusals of one provider and reason a minute are logged; how many more there were is logged
     * with the next one of that kind. Shared by every instance of this pooled bean.
     */
    private static final LogBudget LINES = new LogBudget(5, Clock.systemUTC());

    public void record(Rejection rejection) {
        LogBudget.Line line = LINES.take(rejection.provider().key() + " " + rejection.reason());
        if (line.suppressedBefore() > 0) {
            LOG.log(Level.WARNING, "Rejected {0} more {1} webhooks ({2}) in the minute before, not logged one by one",
                    line.suppressedBefore(), rejection.provider().key(), rejection.reason());
        }
        if (line.write()) {
            LOG.log(Level.WARNING, "Rejected {0} webhook from {1}: {2} ({3}, {4} bytes) correlation={5}",
                    rejection.provider().key(), rejection.remoteAddress(), rejection.reason(), rejection.httpStatus(),
                    rejection.bodyBytes(), rejection.correlationId());
        }
        em.persist(rejection);
        metrics.counter("webhooks.rejected", new Tag("provider", rejection.provider().key())).inc();
        if (rejection.reason().endsWith("-signature")) {
            alerts.signatureFailed(rejection.provider().key());
        }
    }
}
