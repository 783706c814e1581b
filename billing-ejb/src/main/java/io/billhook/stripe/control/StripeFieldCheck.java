package io.billhook.stripe.control;

import com.google.gson.JsonParser;
import com.stripe.model.Event;
import io.billhook.handling.control.EventCatalogue;
import io.billhook.handling.entity.EventType;
import io.billhook.handling.entity.Provider;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

/**
 * A field its handler reads that a Stripe event's object does not carry: the object is of an API version shaped
 * otherwise (a new version moved or removed the field), and the handler would take it for a field without a value.
 * Each such event is counted ({@code billhook_stripe_fields_missing_total{type,field}}), and each type and field is
 * logged once per API version. Stripe renders every field of an object in a version, so the object's fields are looked
 * at once per type and version, in the layout the handlers read ({@link StripeLayouts}).
 */
@ApplicationScoped
public class StripeFieldCheck {

    private static final System.Logger LOG = System.getLogger(StripeFieldCheck.class.getName());

    @Inject
    EventCatalogue catalogue;

    @Inject
    MetricRegistry metrics;

    /** The fields missing per event type and API version, once looked at. */
    private final Map<String, Set<String>> missingByVersion = new ConcurrentHashMap<>();

    private final Set<String> logged = ConcurrentHashMap.newKeySet();

    public void check(Event event) {
        Set<String> reads = catalogue.find(Provider.STRIPE, event.getType()).map(EventType::reads).orElse(Set.of());
        if (reads.isEmpty()) {
            return;
        }
        String version = event.getApiVersion();
        Set<String> missing = missingByVersion.computeIfAbsent(event.getType() + " " + version,
                key -> missing(reads, event.getDataObjectDeserializer().getRawJson(), version));
        for (String field : missing) {
            metrics.counter("billhook.stripe.fields.missing", new Tag("type", event.getType()), new Tag("field", field)).inc();
            if (logged.add(event.getType() + " " + version + " " + field)) {
                LOG.log(Level.WARNING, "Stripe {0} events of API version {1} come without data.object.{2}, which their"
                        + " handler reads: they are applied with it empty. Is the endpoint on a new API version? This is"
                        + " logged once per type, version and field; billhook_stripe_fields_missing_total counts them.",
                        event.getType(), version, field);
            }
        }
    }

    /** The fields its handler reads that the object lacks, in the layout the handler reads ({@link StripeLayouts}). */
    private static Set<String> missing(Set<String> reads, String object, String apiVersion) {
        Set<String> missing = new TreeSet<>(reads);
        if (object != null) {
            missing.removeAll(StripeLayouts.current(JsonParser.parseString(object).getAsJsonObject(), apiVersion).keySet());
        }
        return Set.copyOf(missing);
    }
}
