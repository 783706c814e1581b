package io.billhook.ingest.boundary;

import io.billhook.ingest.control.HmacSha256;
import io.billhook.ingest.control.CalcomSignature;
import io.billhook.ingest.control.RetellSignature;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The Retell and Cal.com endpoints' keys, read once at startup; an endpoint without one answers 503. */
@ApplicationScoped
public class ProviderWebhookSettings {

    private static final System.Logger LOG = System.getLogger(ProviderWebhookSettings.class.getName());

    /** The Retell API key(s) with the webhook badge, comma-separated while rotating. */
    @Inject
    @ConfigProperty(name = "RETELL_API_KEY")
    Optional<String> retellKeys;

    @Inject
    @ConfigProperty(name = "RETELL_WEBHOOK_TOLERANCE", defaultValue = "300s")
    Duration retellTolerance;

    @Inject
    @ConfigProperty(name = "CALCOM_WEBHOOK_SECRET")
    Optional<String> calcomSecrets;

    private RetellSignature retell;
    private CalcomSignature calcom;

    @PostConstruct
    void read() {
        List<String> keys = retellKeys.map(HmacSha256::keys).orElse(List.of());
        retell = keys.isEmpty() ? null : new RetellSignature(keys, retellTolerance, Clock.systemUTC());
        List<String> secrets = calcomSecrets.map(HmacSha256::keys).orElse(List.of());
        calcom = secrets.isEmpty() ? null : new CalcomSignature(secrets);
        LOG.log(Level.INFO, "Retell webhooks: {0} key(s); Cal.com webhooks: {1} secret(s)", keys.size(), secrets.size());
    }

    public Optional<RetellSignature> retell() {
        return Optional.ofNullable(retell);
    }

    public Optional<CalcomSignature> calcom() {
        return Optional.ofNullable(calcom);
    }
}
