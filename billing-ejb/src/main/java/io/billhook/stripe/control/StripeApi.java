package io.billhook.stripe.control;

import com.stripe.StripeClient;
import io.opentelemetry.api.trace.Tracer;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The Stripe API client (stripe-java), made from {@code STRIPE_API_KEY} and {@code STRIPE_API_BASE} (a
 * local stub in tests). Without a key, nothing calls Stripe: events are applied from their payloads
 * alone. stripe-java's own retries are off: Fault Tolerance on the services decides.
 */
@ApplicationScoped
public class StripeApi {

    @Inject
    @ConfigProperty(name = "STRIPE_API_KEY")
    Optional<String> apiKey;

    @Inject
    @ConfigProperty(name = "STRIPE_API_BASE", defaultValue = "https://api.stripe.com")
    String apiBase;

    /** Connect and read timeout of one call; Fault Tolerance bounds the whole, retries included. */
    @Inject
    @ConfigProperty(name = "STRIPE_API_TIMEOUT", defaultValue = "5s")
    Duration timeout;

    @Inject
    Tracer tracer;

    private StripeClient client;

    @PostConstruct
    void connect() {
        client = apiKey.filter(key -> !key.isBlank())
                .map(key -> StripeClient.builder()
                        .setApiKey(key)
                        .setApiBase(apiBase)
                        .setConnectTimeout((int) timeout.toMillis())
                        .setReadTimeout((int) timeout.toMillis())
                        .setMaxNetworkRetries(0)
                        .setHttpClient(new StripeHttpClient(tracer))
                        .build())
                .orElse(null);
    }

    public boolean configured() {
        return client != null;
    }

    public StripeClient client() {
        if (client == null) {
            throw new IllegalStateException("the Stripe API is not configured (STRIPE_API_KEY)");
        }
        return client;
    }
}
