package io.billhook.stripe.control;

import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.model.Event;
import com.stripe.model.StripeObject;
import com.stripe.net.ApiResource;
import io.billhook.handling.entity.EventType;
import io.billhook.handling.entity.Outcome;
import io.billhook.handling.entity.PermanentFailure;
import io.billhook.handling.entity.Provider;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.function.Function;

/**
 * Reads stored Stripe payloads with stripe-java's own models. The typed object is read with
 * {@code deserializeUnsafe()}, which works whatever API version the endpoint is pinned to: an event
 * is never lost because its version differs from the library's.
 */
public final class StripePayloads {

    /**
     * stripe-java's ApiResource and its model classes reference each other from static initialisers:
     * first touched by several consumer threads at once, they deadlock. This class is initialised once,
     * by one thread, and initialises them in a fixed order.
     */
    private static final Gson GSON = ApiResource.GSON;

    static {
        try {
            GSON.fromJson("{\"object\":\"event\",\"data\":{\"object\":{\"object\":\"customer\"}}}", Event.class)
                    .getDataObjectDeserializer().deserializeUnsafe();
        } catch (EventDataObjectDeserializationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /**
     * The data object last read on this thread, with its event: the handler and the detail line both need it, and
     * reading it costs as much again as reading the event. One entry, so it holds one event per consumer thread.
     */
    private static final ThreadLocal<ReadObject> LAST_READ = new ThreadLocal<>();

    private StripePayloads() {
    }

    /** A Stripe event type whose handler takes the event as stripe-java reads it. */
    public static EventType eventType(String name, String effect, Function<Event, Outcome> apply) {
        return eventType(name, effect, Set.of(), apply);
    }

    /**
     * A Stripe event type whose handler reads these fields of {@code data.object}: an event without one of them is
     * logged and counted ({@link StripeEventLog}), since the handler would take it for a field without a value.
     */
    public static EventType eventType(String name, String effect, Set<String> reads, Function<Event, Outcome> apply) {
        return new EventType(Provider.STRIPE, name, effect, reads, event -> apply.apply(event.read(StripePayloads::event)));
    }

    /**
     * Whether a Stripe event type is a thin event's ({@code v1.billing.meter.error_report_triggered},
     * {@code v1.invoice.paid}): its payload holds no snapshot, only what it is about ({@code related_object}).
     */
    public static boolean isThin(String type) {
        return type.startsWith("v1.") || type.startsWith("v2.");
    }

    public static Event event(String payload) {
        try {
            Event event = GSON.fromJson(payload, Event.class);
            if (event == null || event.getType() == null || event.getData() == null) {
                throw new PermanentFailure("not a Stripe event");
            }
            if (event.getCreated() == null) {
                // the event's time orders it against the others of its object: without it, no state can be taken
                throw new PermanentFailure("the Stripe event has no created time, so it cannot be ordered against the"
                        + " other events of its object");
            }
            return event;
        } catch (JsonParseException e) {
            throw new PermanentFailure("not a Stripe event: " + e.getMessage(), e);
        }
    }

    /** The event's {@code data.object} as the model its type promises, or a permanent failure. */
    public static <T extends StripeObject> T object(Event event, Class<T> type) {
        StripeObject object;
        try {
            object = dataObject(event);
        } catch (EventDataObjectDeserializationException | JsonParseException e) {
            throw new PermanentFailure(event.getType() + " carries an unreadable data.object: " + e.getMessage(), e);
        }
        if (!type.isInstance(object)) {
            throw new PermanentFailure(event.getType() + " carries "
                    + (object == null ? "no data.object" : "a " + object.getClass().getSimpleName()) + ", not a "
                    + type.getSimpleName());
        }
        return type.cast(object);
    }

    /** The event's {@code data.object}, read once however often it is asked for in a row. */
    static StripeObject dataObject(Event event) throws EventDataObjectDeserializationException {
        ReadObject last = LAST_READ.get();
        if (last != null && last.event() == event) {
            return last.object();
        }
        StripeObject object = StripeLayouts.beforeBasil(event.getApiVersion())
                ? event.getDataObjectDeserializer().deserializeUnsafeWith((raw, apiVersion, type) -> StripeLayouts.current(raw,
                        event.getApiVersion()))
                : event.getDataObjectDeserializer().deserializeUnsafe();
        LAST_READ.set(new ReadObject(event, object));
        return object;
    }

    private record ReadObject(Event event, StripeObject object) {
    }

    public static OffsetDateTime time(Long epochSeconds) {
        return epochSeconds == null ? null : OffsetDateTime.ofInstant(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC);
    }
}
