package io.billhook.ingest.boundary;

import io.billhook.handling.entity.Provider;
import io.billhook.inbox.entity.InboxUnavailable;
import io.billhook.ingest.control.CalcomSignature;
import io.billhook.ingest.control.HmacSha256;
import io.billhook.ingest.control.ProviderEnvelopes;
import io.billhook.ingest.control.RetellSignature;
import io.billhook.ingest.control.StripeEnvelope;
import io.billhook.ingest.control.StripeSignature;
import io.billhook.ingest.control.WebhookVerifier;
import io.billhook.ingest.control.WebhookVerifier.Verified;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The secrets and tolerances of the three webhook endpoints, read once at startup, and the verifier each makes of
 * them. An endpoint without a secret answers 503, so that the provider retries once it is configured.
 */
@ApplicationScoped
public class WebhookSettings {

    private static final System.Logger LOG = System.getLogger(WebhookSettings.class.getName());

    /** One or more endpoint secrets ({@code whsec_…}), comma-separated while a rolled secret overlaps. */
    @Inject
    @ConfigProperty(name = "STRIPE_WEBHOOK_SECRET")
    Optional<String> stripeSecrets;

    @Inject
    @ConfigProperty(name = "STRIPE_WEBHOOK_TOLERANCE", defaultValue = "300s")
    Duration stripeTolerance;

    /** The secret(s) of the event destination that sends thin events, which has its own. */
    @Inject
    @ConfigProperty(name = "STRIPE_THIN_WEBHOOK_SECRET")
    Optional<String> stripeThinSecrets;

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

    private final Map<Provider, WebhookVerifier> verifiers = new EnumMap<>(Provider.class);

    private WebhookVerifier thin;

    @PostConstruct
    void read() {
        List<String> stripe = keys(stripeSecrets);
        if (stripe.isEmpty()) {
            LOG.log(Level.ERROR, "STRIPE_WEBHOOK_SECRET is not set: every Stripe webhook is answered 503 until it is");
        } else {
            StripeSignature signature = new StripeSignature(stripe, stripeTolerance, Clock.systemUTC());
            verifiers.put(Provider.STRIPE, (header, body) -> {
                signature.verify(header, body);
                StripeEnvelope envelope = StripeEnvelope.read(body);
                return new Verified(envelope.id(), envelope.type(), envelope.apiVersion());
            });
            LOG.log(Level.INFO, "Stripe webhooks: {0} secret(s), {1} s tolerance", stripe.size(), stripeTolerance.toSeconds());
        }
        List<String> thinSecrets = keys(stripeThinSecrets);
        if (!thinSecrets.isEmpty()) {
            StripeSignature signature = new StripeSignature(thinSecrets, stripeTolerance, Clock.systemUTC());
            thin = (header, body) -> {
                signature.verify(header, body);
                StripeEnvelope envelope = StripeEnvelope.readThin(body);
                return new Verified(envelope.id(), envelope.type(), null);
            };
        }
        LOG.log(Level.INFO, "Stripe thin events: {0} secret(s){1}", thinSecrets.size(),
                thinSecrets.isEmpty() ? " (STRIPE_THIN_WEBHOOK_SECRET is not set: /webhooks/stripe/thin answers 503)" : "");
        List<String> retell = keys(retellKeys);
        if (!retell.isEmpty()) {
            RetellSignature signature = new RetellSignature(retell, retellTolerance, Clock.systemUTC());
            verifiers.put(Provider.RETELL, (header, body) -> {
                signature.verify(header, body);
                ProviderEnvelopes.Envelope envelope = ProviderEnvelopes.retell(body);
                return new Verified(envelope.id(), envelope.type(), null);
            });
        }
        List<String> calcom = keys(calcomSecrets);
        if (!calcom.isEmpty()) {
            CalcomSignature signature = new CalcomSignature(calcom);
            verifiers.put(Provider.CALCOM, (header, body) -> {
                signature.verify(header, body);
                ProviderEnvelopes.Envelope envelope = ProviderEnvelopes.calcom(body);
                return new Verified(envelope.id(), envelope.type(), null);
            });
        }
        LOG.log(Level.INFO, "Retell webhooks: {0} key(s){1}; Cal.com webhooks: {2} secret(s){3}", retell.size(),
                retell.isEmpty() ? " (RETELL_API_KEY is not set: /webhooks/retell answers 503)" : "", calcom.size(),
                calcom.isEmpty() ? " (CALCOM_WEBHOOK_SECRET is not set: /webhooks/calcom answers 503)" : "");
    }

    /** The provider's verifier, or {@link InboxUnavailable} (503) while its secret is not configured. */
    public WebhookVerifier verifier(Provider provider) {
        WebhookVerifier verifier = verifiers.get(provider);
        if (verifier == null) {
            // which secret is missing is in the log of the start, not in an answer to anyone who asks
            throw new InboxUnavailable("this endpoint is not configured yet");
        }
        return verifier;
    }

    /** The verifier of the thin-event destination, or {@link InboxUnavailable} (503) while it has no secret. */
    public WebhookVerifier thinVerifier() {
        if (thin == null) {
            throw new InboxUnavailable("this endpoint is not configured yet");
        }
        return thin;
    }

    private static List<String> keys(Optional<String> configured) {
        return configured.map(HmacSha256::keys).orElse(List.of());
    }
}
