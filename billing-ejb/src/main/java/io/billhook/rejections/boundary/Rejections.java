package io.billhook.rejections.boundary;

import io.billhook.alerts.boundary.Alerts;
import io.billhook.rejections.control.MinuteBudget;
import io.billhook.rejections.control.RejectionTally;
import io.billhook.rejections.entity.Rejection;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Takes a refused request on the request thread without touching the database: counts it (in memory and in
 * {@code /metrics}), samples it, logs the first few of its kind a minute and raises the signature-failure
 * alert. {@link RejectionWriter} writes the counts and the sample in batches. A forged request then costs
 * less than a real one, which needs a commit.
 */
@ApplicationScoped
public class Rejections {

    private static final System.Logger LOG = System.getLogger(Rejections.class.getName());

    /** Bounds the sample whatever the kinds; the kinds are few, so this is never reached in practice. */
    private static final int SAMPLE_CAPACITY = 10_000;

    @Inject
    MetricRegistry metrics;

    @Inject
    Alerts alerts;

    @Inject
    @ConfigProperty(name = "BILLHOOK_REJECTION_SAMPLES_PER_MINUTE", defaultValue = "20")
    int samplesPerMinute;

    @Inject
    @ConfigProperty(name = "BILLHOOK_REJECTION_LOG_LINES_PER_MINUTE", defaultValue = "5")
    int logLinesPerMinute;

    private RejectionTally tally;
    private MinuteBudget lines;
    /**
     * {@code billhook_webhooks_rejected_total{provider,reason}}, each looked up once: a registry lookup with tags
     * costs more than the rest of a refusal. The reasons are the problem types of the webhook endpoints, a dozen.
     */
    private final Map<String, Counter> rejected = new ConcurrentHashMap<>();

    @PostConstruct
    void start() {
        tally = new RejectionTally(samplesPerMinute, SAMPLE_CAPACITY, Clock.systemUTC());
        lines = new MinuteBudget(logLinesPerMinute, Clock.systemUTC());
    }

    public void record(Rejection rejection) {
        tally.count(rejection);
        rejected.computeIfAbsent(rejection.provider().key() + " " + rejection.reason(), kind -> metrics.counter(
                "billhook.webhooks.rejected", new Tag("provider", rejection.provider().key()),
                new Tag("reason", rejection.reason()))).inc();
        log(rejection);
        if (rejection.failedItsSignature()) {
            alerts.signatureFailed(rejection.provider().key());
        }
    }

    public RejectionTally tally() {
        return tally;
    }

    private void log(Rejection rejection) {
        MinuteBudget.Grant line = lines.take(rejection.provider().key() + " " + rejection.reason());
        if (line.refusedBefore() > 0) {
            LOG.log(Level.WARNING, "Rejected {0} more {1} webhooks ({2}) in the minute before, not logged one by one",
                    line.refusedBefore(), rejection.provider().key(), rejection.reason());
        }
        if (line.granted()) {
            LOG.log(Level.WARNING, "Rejected {0} webhook from {1}: {2} ({3}, {4} bytes) correlation={5}",
                    rejection.provider().key(), rejection.remoteAddress(), rejection.reason(), rejection.httpStatus(),
                    rejection.bodyBytes(), rejection.correlationId());
        }
    }
}
