package io.billhook.alerts.boundary;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * Critical conditions, told to a person: a SEVERE log line and, when {@code BILLHOOK_ALERT_WEBHOOK_URL} is
 * set, a JSON POST (Slack-compatible {@code text} plus structured fields). One condition alerts at most
 * once per {@code BILLHOOK_ALERT_INTERVAL}. An alert raised inside a transaction is told only once that
 * transaction has committed: a FAILED that rolled back never alerts. Sending is asynchronous and its failures
 * are only logged: an alert receiver that is down or slow never breaks or slows webhook processing. The
 * receiver's URL is checked at startup.
 */
@ApplicationScoped
public class Alerts {

    private static final System.Logger LOG = System.getLogger(Alerts.class.getName());

    @Inject
    @ConfigProperty(name = "BILLHOOK_ALERT_WEBHOOK_URL")
    Optional<String> receiver;

    /** The receiver, read and checked once. */
    private Optional<URI> receiverUri = Optional.empty();

    @Inject
    @ConfigProperty(name = "BILLHOOK_ALERT_INTERVAL", defaultValue = "1h")
    Duration interval;

    @Inject
    @ConfigProperty(name = "BILLHOOK_ALERT_SIGNATURE_FAILURES_PER_MINUTE", defaultValue = "20")
    int signatureFailuresPerMinute;

    @Inject
    Event<Alert> raised;

    @Inject
    MetricRegistry metrics;

    /** Conditions remembered for their interval at most, and never more than this many at once. */
    static final int REMEMBERED_AT_MOST = 10_000;

    private final Clock clock = Clock.systemUTC();
    private final Map<String, Instant> lastRaised = new ConcurrentHashMap<>();
    private volatile Instant lastPruned = Instant.EPOCH;
    private final Map<String, Window> signatureFailures = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    /** A receiver URL that is no http(s) URL stops the start with a clear message. */
    @PostConstruct
    void checkReceiver() {
        receiverUri = receiver.filter(url -> !url.isBlank()).map(Alerts::requireHttpUrl);
    }

    /** Made with the application, so that a bad receiver URL is found at the start, not by the first alert. */
    void atStartup(@Observes @Initialized(ApplicationScoped.class) Object started) {
        // creating the bean checks the receiver
    }

    static URI requireHttpUrl(String url) {
        try {
            URI uri = new URI(url.strip());
            if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(url, "not an http or https URL with a host");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new IllegalStateException("BILLHOOK_ALERT_WEBHOOK_URL must be an http(s) URL such as"
                    + " https://hooks.slack.com/services/…: " + e.getMessage());
        }
    }

    /** An event reached FAILED. */
    public void eventFailed(String provider, String eventId, String type, String correlationId, String error) {
        raise("event-failed:" + provider + ":" + eventId,
                "Webhook " + provider + " " + eventId + " (" + type + ") FAILED: " + error,
                Map.of("condition", "event-failed", "provider", provider, "eventId", eventId, "type", type,
                        "correlationId", correlationId, "error", String.valueOf(error)));
    }

    /** A delivery failed its signature check; a burst of them within a minute is an alert. */
    public void signatureFailed(String provider) {
        long minute = clock.millis() / 60_000;
        Window window = signatureFailures.compute(provider,
                (p, current) -> current == null || current.minute != minute ? new Window(minute) : current);
        if (window.count.incrementAndGet() == signatureFailuresPerMinute) {
            raise("signature-failures:" + provider,
                    signatureFailuresPerMinute + " " + provider + " webhooks failed their signature check within a minute",
                    Map.of("condition", "signature-failures", "provider", provider,
                            "perMinute", String.valueOf(signatureFailuresPerMinute)));
        }
    }

    /** A Stripe customer now belongs to another company: its billing moves with it. */
    public void customerRelinked(String stripeCustomerId, long from, long to) {
        raise("customer-relinked:" + stripeCustomerId + ":" + to,
                "Stripe customer " + stripeCustomerId + " moved from company " + from + " to company " + to,
                Map.of("condition", "customer-relinked", "customer", stripeCustomerId, "from", String.valueOf(from),
                        "to", String.valueOf(to)));
    }

    /** Call usage of a company cannot be billed (no Stripe customer, or Stripe refused it). */
    public void usageUnbillable(long companyId, String why) {
        raise("usage-unbillable:" + companyId, why,
                Map.of("condition", "usage-unbillable", "companyId", String.valueOf(companyId), "error", why));
    }

    /** The scheduled reconciliation stored events that should have arrived by webhook and did not. */
    public void eventsMissed(long backfillId, long events, Map<String, Long> byType) {
        raise("events-missed:stripe", events + " Stripe events never arrived by webhook and were fetched from the"
                        + " Events API by backfill " + backfillId + " " + byType + ": is the endpoint down or its secret wrong?",
                Map.of("condition", "events-missed", "provider", "stripe", "backfillId", String.valueOf(backfillId),
                        "events", String.valueOf(events)));
    }

    /** An outbound circuit (the Stripe API, say) opened. */
    public void circuitOpened(String circuit, String error) {
        raise("circuit-open:" + circuit, "Circuit " + circuit + " opened: " + error,
                Map.of("condition", "circuit-open", "circuit", circuit, "error", String.valueOf(error)));
    }

    /** Told when the transaction it was raised in commits (at once outside a transaction). */
    private void raise(String condition, String text, Map<String, String> fields) {
        raised.fire(new Alert(condition, text, fields));
    }

    void tell(@Observes(during = TransactionPhase.AFTER_SUCCESS) Alert alert) {
        if (!due(alert.condition())) {
            return;
        }
        metrics.counter("billhook.alerts", new Tag("condition", alert.fields().getOrDefault("condition", "other"))).inc();
        LOG.log(Level.ERROR, "ALERT {0}", alert.text());
        receiverUri.ifPresent(uri -> send(uri, alert.text(), alert.fields()));
    }

    /** Whether the condition has not alerted within the interval; remembers it. */
    boolean due(String condition) {
        Instant now = clock.instant();
        if (lastRaised.size() >= REMEMBERED_AT_MOST && now.isAfter(lastPruned.plusSeconds(1))) {
            lastPruned = now;
            lastRaised.values().removeIf(last -> !now.isBefore(last.plus(interval)));
        }
        if (lastRaised.size() >= REMEMBERED_AT_MOST && !lastRaised.containsKey(condition)) {
            // a storm of distinct conditions: each still alerts, none is remembered until the storm has passed
            return true;
        }
        return lastRaised.compute(condition, (c, last) -> last == null || !now.isBefore(last.plus(interval)) ? now : last)
                .equals(now);
    }

    int remembered() {
        return lastRaised.size();
    }

    /** An alert on its way to being told. */
    public record Alert(String condition, String text, Map<String, String> fields) {
    }

    private void send(URI uri, String text, Map<String, String> fields) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("text", text);
        fields.forEach(body::add);
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.build().toString()))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error != null) {
                LOG.log(Level.WARNING, "Alert receiver unreachable: {0}", error.toString());
            } else if (response.statusCode() >= 300) {
                LOG.log(Level.WARNING, "Alert receiver answered {0}", response.statusCode());
            }
        });
    }

    private static final class Window {
        final long minute;
        final AtomicInteger count = new AtomicInteger();

        Window(long minute) {
            this.minute = minute;
        }
    }
}
