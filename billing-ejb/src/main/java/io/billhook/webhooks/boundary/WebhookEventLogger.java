package io.billhook.webhooks.boundary;

import com.stripe.Stripe;
import io.billhook.Causes;
import io.billhook.Jndi;
import io.billhook.alerts.boundary.Alerts;
import io.billhook.logging.LogFields;
import io.billhook.webhooks.control.StatisticsRollup;
import io.billhook.webhooks.entity.StatisticsUnavailable;
import io.billhook.webhooks.entity.IncomingEvent;
import io.billhook.webhooks.entity.Outcome;
import io.billhook.webhooks.entity.Provider;
import io.billhook.webhooks.entity.Receipt;
import io.billhook.webhooks.entity.Rejection;
import io.billhook.webhooks.entity.WebhookEvent;
import io.billhook.webhooks.entity.WebhookStatistics;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import java.lang.System.Logger.Level;
import javax.sql.DataSource;

/**
 * The one place that records what happens to webhooks: a log line per state change, with provider,
 * event id, type and correlation id (never payloads, signatures or secrets), and the database
 * records that operators query.
 */
@ApplicationScoped
public class WebhookEventLogger {

    private static final System.Logger LOG = System.getLogger(WebhookEventLogger.class.getName());

    @PersistenceContext
    EntityManager em;

    @Inject
    MetricRegistry metrics;

    @Inject
    Alerts alerts;

    @Resource(lookup = Jndi.DATA_SOURCE)
    DataSource dataSource;

    private final Set<String> driftLogged = ConcurrentHashMap.newKeySet();

    /**
     * A new event's line is at debug level: at thousands of deliveries a second the line costs more than
     * the delivery, and the stored row is the durable record of it. A repeated delivery is rare and worth
     * an operator's eye: info.
     */
    public void stored(IncomingEvent event, Receipt receipt) {
        count(receipt.duplicate() ? "webhooks.duplicates" : "webhooks.received", event.provider());
        Level level = receipt.duplicate() ? Level.INFO : Level.DEBUG;
        if (!LOG.isLoggable(level)) {
            return;
        }
        LOG.log(level, "{0} {1} {2} id={3} type={4} correlation={5}",
                receipt.duplicate() ? "Duplicate" : "Stored", event.provider().key(), event.providerEventId(),
                receipt.id(), event.type(), event.correlationId());
    }

    /**
     * Events of another API version than stripe-java's are still applied in full (their objects are read
     * leniently); the drift is logged once per version, so the upgrade can be planned.
     */
    public void apiVersionSeen(String apiVersion) {
        if (apiVersion != null && !Stripe.API_VERSION.equals(apiVersion) && driftLogged.add(apiVersion)) {
            LOG.log(Level.WARNING, "Stripe events of API version {0} arrive; stripe-java is pinned to {1}. They are"
                    + " applied in full; this is logged once per version.", apiVersion, Stripe.API_VERSION);
        }
    }

    /** Records a refused request in its own transaction, so it is kept whatever else happens. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void rejected(Rejection rejection) {
        LOG.log(Level.WARNING, "Rejected {0} webhook from {1}: {2} ({3}, {4} bytes) correlation={5}",
                rejection.provider().key(), rejection.remoteAddress(), rejection.reason(), rejection.httpStatus(),
                rejection.bodyBytes(), rejection.correlationId());
        em.persist(rejection);
        count("webhooks.rejected", rejection.provider());
        if (rejection.reason().endsWith("-signature")) {
            alerts.signatureFailed(rejection.provider().key());
        }
    }

    public void processed(WebhookEvent event, Outcome outcome) {
        count(outcome.applied() ? "webhooks.processed" : "webhooks.ignored", event.provider());
        metrics.timer("webhooks.processing", tag(event.provider())).update(Duration.ofMillis(event.processingMillis()));
        LOG.log(Level.INFO, "{0} {1} {2} id={3} type={4} correlation={5} millis={6}{7}", event.status(),
                event.provider().key(), event.providerEventId(), event.id(), event.type(), event.correlationId(),
                event.processingMillis(), outcome.reason() == null ? "" : " (" + outcome.reason() + ")");
    }

    /**
     * The detail line of an invoice, charge or subscription event: its fields in the message text
     * and, for JSON logs, as extension fields.
     */
    public void stripeDetail(WebhookEvent event, Map<String, String> detail) {
        if (!LOG.isLoggable(Level.INFO)) {
            return;
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("stripe_event_id", event.providerEventId());
        fields.put("event_type", event.type());
        fields.putAll(detail);
        try (LogFields open = LogFields.with(fields)) {
            LOG.log(Level.INFO, "Stripe {0} {1} id={2} correlation={3}: {4}", event.type(), event.providerEventId(),
                    event.id(), event.correlationId(), keyValues(detail));
        }
    }

    public void retrying(WebhookEvent event, Throwable error) {
        count("webhooks.retried", event.provider());
        alertIfCircuitOpen(error);
        LOG.log(Level.WARNING, "RETRYING {0} {1} id={2} type={3} correlation={4} attempts={5} next={6}: {7}",
                event.provider().key(), event.providerEventId(), event.id(), event.type(), event.correlationId(),
                event.attempts(), event.nextAttemptAt(), event.lastError());
    }

    public void quarantined(WebhookEvent event) {
        count("webhooks.quarantined", event.provider());
        LOG.log(Level.WARNING, "QUARANTINED {0} {1} id={2} type={3} correlation={4}: {5}", event.provider().key(),
                event.providerEventId(), event.id(), event.type(), event.correlationId(), event.lastError());
    }

    public void failed(WebhookEvent event, Throwable error) {
        count("webhooks.failed", event.provider());
        alertIfCircuitOpen(error);
        alerts.eventFailed(event.provider().key(), event.providerEventId(), event.type(), event.correlationId(),
                event.lastError());
        LOG.log(Level.WARNING, "FAILED {0} {1} id={2} type={3} correlation={4} attempts={5}: {6}",
                event.provider().key(), event.providerEventId(), event.id(), event.type(), event.correlationId(),
                event.attempts(), event.lastError());
    }

    /**
     * The statistics of the events received since {@code since} (null: ever) from {@code provider}
     * (null: all), read from the rollup: as fast at millions of events as at a hundred.
     */
    public WebhookStatistics statistics(String provider, Instant since) {
        try (Connection db = dataSource.getConnection()) {
            return WebhookStatistics.of(since, StatisticsRollup.read(db, provider, since, Instant.now()));
        } catch (SQLException e) {
            throw new StatisticsUnavailable("the statistics cannot be read: " + e.getMessage(), e);
        }
    }

    /** An event that failed because a circuit is open tells of an outage of what the circuit guards. */
    private void alertIfCircuitOpen(Throwable error) {
        Causes.find(error, CircuitBreakerOpenException.class).ifPresent(open -> alerts.circuitOpened("stripe-api", open.getMessage()));
    }

    private static String keyValues(Map<String, String> fields) {
        return fields.entrySet().stream().map(field -> field.getKey() + "=" + field.getValue())
                .collect(Collectors.joining(" "));
    }

    private void count(String name, Provider provider) {
        metrics.counter(name, tag(provider)).inc();
    }

    private static Tag tag(Provider provider) {
        return new Tag("provider", provider.key());
    }
}
