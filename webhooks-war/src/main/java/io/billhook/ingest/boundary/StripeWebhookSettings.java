package io.billhook.ingest.boundary;

import io.billhook.ingest.control.HmacSha256;
import io.billhook.ingest.control.StripeSignature;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The Stripe endpoint's configuration, read once at startup. */
@ApplicationScoped
public class StripeWebhookSettings {

    private static final System.Logger LOG = System.getLogger(StripeWebhookSettings.class.getName());

    /** One or more endpoint secrets ({@code whsec_…}), comma-separated while a rolled secret overlaps. */
    @Inject
    @ConfigProperty(name = "STRIPE_WEBHOOK_SECRET")
    Optional<String> secret;

    @Inject
    @ConfigProperty(name = "STRIPE_WEBHOOK_TOLERANCE", defaultValue = "300s")
    Duration tolerance;

    private StripeSignature signature;

    @PostConstruct
    void read() {
        List<String> secrets = secret.map(HmacSha256::keys).orElse(List.of());
        if (secrets.isEmpty()) {
            LOG.log(Level.ERROR, "STRIPE_WEBHOOK_SECRET is not set: every Stripe webhook is answered 503 until it is");
        } else {
            signature = new StripeSignature(secrets, tolerance, Clock.systemUTC());
            LOG.log(Level.INFO, "Stripe webhooks: {0} secret(s), {1} s tolerance", secrets.size(), tolerance.toSeconds());
        }
    }

    /** Empty when no secret is configured. */
    public Optional<StripeSignature> signature() {
        return Optional.ofNullable(signature);
    }
}
