package io.billhook.inbox.boundary;

import io.billhook.inbox.control.EventQueue;
import io.billhook.inbox.entity.Wakeup;
import io.billhook.inbox.entity.WebhookEvents;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;

/**
 * Claims stored events that wait too long and wakes them. A boundary because the sweeper's timer runs outside
 * any transaction: each claim is a transaction of its own, in which the claim and the messages commit together.
 * A repeated wake-up is harmless because processing checks the row's status.
 */
@Stateless
@TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
public class WaitingEvents {

    @Inject
    WebhookEvents events;

    @Inject
    EventQueue queue;

    /** Rows RECEIVED (or overdue RETRYING) whose wake-up is older than {@code age}: it was lost. */
    public List<Wakeup> wakeLost(Duration age, int limit) {
        return wake(events.claimLost(age, limit));
    }

    /** FAILED rows whose last failure was transient, tried again once per {@code interval} until the horizon. */
    public List<Wakeup> wakeTransientlyFailed(Duration interval, Duration horizon, int limit) {
        return wake(events.claimTransientlyFailed(interval, horizon, limit));
    }

    private List<Wakeup> wake(List<Wakeup> claimed) {
        queue.wakeUp(claimed);
        return claimed;
    }
}
