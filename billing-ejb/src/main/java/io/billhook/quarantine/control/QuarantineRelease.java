package io.billhook.quarantine.control;

import io.billhook.inbox.control.EventQueue;
import io.billhook.inbox.entity.Wakeup;
import io.billhook.inbox.entity.WebhookEvents;
import io.billhook.quarantine.entity.CompanyKeyLinked;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.List;

/**
 * Events whose company could not be resolved wait QUARANTINED under a key. When the key is linked to a company
 * they are RECEIVED again and woken, in the transaction that made the link: if it rolls back, they stay
 * quarantined.
 */
@ApplicationScoped
public class QuarantineRelease {

    private static final System.Logger LOG = System.getLogger(QuarantineRelease.class.getName());

    @Inject
    WebhookEvents events;

    @Inject
    EventQueue queue;

    void release(@Observes CompanyKeyLinked linked) {
        List<Wakeup> released = events.releaseQuarantined(linked.key());
        if (released.isEmpty()) {
            return;
        }
        queue.wakeUp(released);
        LOG.log(Level.INFO, "Released {0} quarantined webhook events waiting for {1} (company {2})", released.size(),
                linked.key(), linked.companyId());
    }
}
