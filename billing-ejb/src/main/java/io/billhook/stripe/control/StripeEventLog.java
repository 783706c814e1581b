package io.billhook.stripe.control;

import com.stripe.Stripe;
import com.stripe.model.Event;
import io.billhook.handling.entity.EventDispatched;
import io.billhook.handling.entity.Provider;
import io.billhook.handling.entity.ReceivedEvent;
import io.billhook.logging.LogFields;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * What every Stripe event tells the log, whatever its handler: the API version it was sent in, when it is not
 * stripe-java's (once per version), the fields its handler reads that it lacks ({@link StripeFieldCheck}), and the
 * detail line of an invoice, charge or subscription.
 */
@ApplicationScoped
public class StripeEventLog {

    private static final System.Logger LOG = System.getLogger(StripeEventLog.class.getName());

    @Inject
    StripeFieldCheck fields;

    private final Set<String> driftLogged = ConcurrentHashMap.newKeySet();

    void dispatched(@Observes EventDispatched dispatched) {
        ReceivedEvent event = dispatched.event();
        if (event.provider() != Provider.STRIPE || StripePayloads.isThin(event.type())) {
            return;
        }
        Event stripe = event.read(StripePayloads::event);
        apiVersionSeen(stripe.getApiVersion());
        fields.check(stripe);
        StripeDetail.of(stripe).ifPresent(detail -> detail(event, detail));
    }

    /**
     * Events of another API version than stripe-java's are still applied in full (their objects are read
     * leniently); the drift is logged once per version, so the upgrade can be planned.
     */
    private void apiVersionSeen(String apiVersion) {
        if (apiVersion != null && !Stripe.API_VERSION.equals(apiVersion) && driftLogged.add(apiVersion)) {
            LOG.log(Level.WARNING, "Stripe events of API version {0} arrive; stripe-java is pinned to {1}. They are"
                    + " applied in full; this is logged once per version.", apiVersion, Stripe.API_VERSION);
        }
    }

    /** The detail fields in the message text and, for JSON logs, as extension fields. */
    private static void detail(ReceivedEvent event, Map<String, String> detail) {
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

    private static String keyValues(Map<String, String> fields) {
        return fields.entrySet().stream().map(field -> field.getKey() + "=" + field.getValue())
                .collect(Collectors.joining(" "));
    }
}
