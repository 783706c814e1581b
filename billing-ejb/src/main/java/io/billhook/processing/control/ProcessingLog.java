package io.billhook.processing.control;

import io.billhook.Causes;
import io.billhook.alerts.boundary.Alerts;
import io.billhook.handling.entity.Outcome;
import io.billhook.inbox.entity.WebhookEvent;
import io.billhook.logging.LogFields;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * What becomes of an attempt, told three ways: a log line per state change with provider, event id, type and
 * correlation id (never payloads, signatures or secrets), the per-provider metrics, and alerts for failures and
 * open circuits.
 */
@ApplicationScoped
public class ProcessingLog {

    private static final System.Logger LOG = System.getLogger(ProcessingLog.class.getName());

    static final String OUTCOMES = "billhook.processing.outcomes";

    /** A histogram in Prometheus' output: its buckets are set in the application's microprofile-config.properties. */
    static final String PROCESSING_DURATION = "billhook.processing.duration";

    @Inject
    MetricRegistry metrics;

    @Inject
    Alerts alerts;

    /**
     * The fields of every line logged while one event is processed (in JSON logs {@code ext_webhook_event_id}, ...),
     * with the trace and span ids of the current span when it is traced.
     */
    public static LogFields fieldsOf(long webhookEventId, String correlationId) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("webhook_event_id", webhookEventId);
        fields.put("correlation_id", correlationId);
        SpanContext span = Span.current().getSpanContext();
        if (span.isValid()) {
            fields.put("trace_id", span.getTraceId());
            fields.put("span_id", span.getSpanId());
        }
        return LogFields.with(fields);
    }

    public void processed(WebhookEvent event, Outcome outcome) {
        count(event, outcome.applied() ? "processed" : "ignored");
        metrics.timer(PROCESSING_DURATION, new Tag("provider", event.provider().key()), new Tag("lane", lane(event)))
                .update(Duration.ofMillis(event.processingMillis()));
        LOG.log(Level.INFO, "{0} {1} {2} id={3} type={4} correlation={5} millis={6}{7}", event.status(),
                event.provider().key(), event.providerEventId(), event.id(), event.type(), event.correlationId(),
                event.processingMillis(), outcome.reason() == null ? "" : " (" + outcome.reason() + ")");
    }

    public void retrying(WebhookEvent event, Throwable error) {
        count(event, "retried");
        alertIfCircuitOpen(error);
        LOG.log(Level.WARNING, "RETRYING {0} {1} id={2} type={3} correlation={4} attempts={5} next={6}: {7}",
                event.provider().key(), event.providerEventId(), event.id(), event.type(), event.correlationId(),
                event.attempts(), event.nextAttemptAt(), event.lastError());
    }

    public void quarantined(WebhookEvent event) {
        count(event, "quarantined");
        LOG.log(Level.WARNING, "QUARANTINED {0} {1} id={2} type={3} correlation={4}: {5}", event.provider().key(),
                event.providerEventId(), event.id(), event.type(), event.correlationId(), event.lastError());
    }

    public void failed(WebhookEvent event, Throwable error) {
        count(event, "failed");
        alertIfCircuitOpen(error);
        alerts.eventFailed(event.provider().key(), event.providerEventId(), event.type(), event.correlationId(),
                event.lastError());
        LOG.log(Level.WARNING, "FAILED {0} {1} id={2} type={3} correlation={4} attempts={5}: {6}",
                event.provider().key(), event.providerEventId(), event.id(), event.type(), event.correlationId(),
                event.attempts(), event.lastError());
    }

    /** An event that failed because a circuit is open tells of an outage of what the circuit guards. */
    private void alertIfCircuitOpen(Throwable error) {
        Causes.find(error, CircuitBreakerOpenException.class).ifPresent(open -> alerts.circuitOpened("stripe-api", open.getMessage()));
    }

    /**
     * {@code billhook_processing_outcomes_total{provider,type,outcome}}: the types are the catalogue's and the
     * providers', some seventy, few enough for a label.
     */
    private void count(WebhookEvent event, String outcome) {
        metrics.counter(OUTCOMES, new Tag("provider", event.provider().key()), new Tag("type", event.type()),
                new Tag("outcome", outcome)).inc();
    }

    private static String lane(WebhookEvent event) {
        return event.lane().name().toLowerCase(Locale.ROOT);
    }
}
