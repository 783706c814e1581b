package io.billhook.alerts.boundary;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObjectBuilder;
import java.lang.System.Logger.Level;
import java.net.URI;
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

/**
 * Critical conditions, told to a person: a SEVERE log line and, when {@code BILLHOOK_ALERT_WEBHOOK_URL} is
 * set, a JSON POST (Slack-compatible {@code text} plus structured fields). One condition alerts at most
 * once per {@code BILLHOOK_ALERT_INTERVAL}. Sending is asynchronous and its failures are only logged: an
 * alert receiver that is down or slow never breaks or slows webhook processing.
 */
@ApplicationScoped
public class Alerts {

    private static final System.Logger LOG = System.getLogger(Alerts.class.getName());

    @Inject
    @ConfigProperty(name = "BILLHOOK_ALERT_WEBHOOK_URL")
    Optional<String> receiver;

    @Inject
    @ConfigProperty(name = "BILLHOOK_ALERT_INTERVAL", defaultValue = "1h")
    Duration interval;

    @Inject
    @ConfigProperty(name = "BILLHOOK_ALERT_SIGNATURE_FAILURES_PER_MINUTE", defaultValue = "20")
    int signatureFailuresPerMinute;

    private final Clock clock = Clock.systemUTC();
    private final Map<String, Instant> lastRaised = new ConcurrentHashMap<>();
    private final Map<String, Window> signatureFailures = new ConcurrentHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

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

    /** An outbound circuit (the Stripe API, say) opened. */
    public void circuitOpened(String circuit, String error) {
        raise("circuit-open:" + circuit, "Circuit " + circuit + " opened: " + error,
                Map.of("condition", "circuit-open", "circuit", circuit, "error", String.valueOf(error)));
    }

    private void raise(String condition, String text, Map<String, String> fields) {
        Instant now = clock.instant();
        boolean due = lastRaised.compute(condition, (c, last) -> last == null || !now.isBefore(last.plus(interval)) ? now : last)
                .equals(now);
        if (!due) {
            return;
        }
        LOG.log(Level.ERROR, "ALERT {0}", text);
        receiver.filter(url -> !url.isBlank()).ifPresent(url -> send(url, text, fields));
    }

    private void send(String url, String text, Map<String, String> fields) {
        JsonObjectBuilder body = Json.createObjectBuilder().add("text", text);
        fields.forEach(body::add);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
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
