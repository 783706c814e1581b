package io.billhook.inbox.boundary;

import io.billhook.Causes;
import io.billhook.inbox.entity.Wakeup;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wakes stored events whose wake-up message was lost: to a crash between the commit and the send, to a
 * failed send, to processing that failed because the database went away, or to a restart; and retries
 * whose delayed wake-up is overdue.
 * The timer itself runs outside a transaction and never throws: a timeout that fails is retried by the
 * container only after minutes, so one sweep during a database outage would otherwise stall the
 * sweeping long after the database is back.
 */
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Sweeper {

    private static final System.Logger LOG = System.getLogger(Sweeper.class.getName());

    @Inject
    WaitingEvents waiting;

    /** How long a stored event may wait before its wake-up is presumed lost. */
    @Inject
    @ConfigProperty(name = "BILLHOOK_SWEEP_AFTER", defaultValue = "2m")
    Duration sweepAfter;

    @Inject
    @ConfigProperty(name = "BILLHOOK_SWEEP_BATCH", defaultValue = "1000")
    int batch;

    /** The slow tier: how often a transiently FAILED event is tried again … */
    @Inject
    @ConfigProperty(name = "BILLHOOK_SLOW_RETRY_INTERVAL", defaultValue = "1h")
    Duration slowRetryInterval;

    /** … and until how long after its receipt (Stripe itself retries for three days). */
    @Inject
    @ConfigProperty(name = "BILLHOOK_SLOW_RETRY_HORIZON", defaultValue = "72h")
    Duration slowRetryHorizon;

    /**
     * Claims batch after batch (each its own transaction) while they come back full, for up to
     * {@link #SWEEP_BUDGET}: a backlog of 100,000 rows after a restart is woken in one sweep, not 1,000 every 15 s,
     * and the consumers take it as fast as they can, highest lane first (the messages' JMS priority).
     */
    private int inBatches(Supplier<List<Wakeup>> claim) {
        long deadline = System.nanoTime() + SWEEP_BUDGET.toNanos();
        int woken = 0;
        List<Wakeup> claimed;
        do {
            claimed = claim.get();
            woken += claimed.size();
        } while (claimed.size() == batch && System.nanoTime() < deadline);
        return woken;
    }

    /**
     * Wake-ups are not persistent: after a (re)start every row that waited since before this server started is
     * woken, whatever its age. Not the rows enqueued since: beside a living node, whose deliveries keep coming,
     * "every waiting row" would be that node's fresh rows, claimed batch after batch for the whole sweep.
     */
    private boolean restarted = true;

    private final Instant serverStarted = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());

    /** How long one sweep may go on claiming full batches. */
    private static final Duration SWEEP_BUDGET = Duration.ofSeconds(10);

    @Schedule(second = "*/15", minute = "*", hour = "*", persistent = false)
    void sweep() {
        try {
            Duration age = restarted ? Duration.between(serverStarted, Instant.now()) : sweepAfter;
            int lost = inBatches(() -> waiting.wakeLost(age, batch));
            restarted = false;
            if (lost > 0) {
                LOG.log(Level.INFO, "Sweeper re-enqueued {0} stored webhook events", lost);
            }
            // Stripe stops retrying once it has our 2xx, so an outage of hours must not end an event;
            // permanent failures wait for an operator
            int retried = inBatches(() -> waiting.wakeTransientlyFailed(slowRetryInterval, slowRetryHorizon, batch));
            if (retried > 0) {
                LOG.log(Level.INFO, "Slow retry tier re-enqueued {0} failed webhook events", retried);
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not sweep waiting webhook events, trying again in 15 s: {0}", Causes.rootMessage(e));
        }
    }
}
