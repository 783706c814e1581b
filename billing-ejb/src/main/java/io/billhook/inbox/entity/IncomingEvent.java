package io.billhook.inbox.entity;

import io.billhook.handling.entity.Lane;
import io.billhook.handling.entity.Provider;
import java.util.Objects;

/**
 * A verified delivery (or an event fetched from Stripe's Events API), ready to be stored: the payload plus the few
 * fields read from it. {@code rawPayload} is set only where {@code payload} had to replace characters the database
 * cannot hold: then it is the payload as received.
 */
public record IncomingEvent(Provider provider, String providerEventId, String type, String apiVersion,
                            String payload, String correlationId, String rawPayload, EventSource source) {

    /** A delivery by webhook. */
    public IncomingEvent(Provider provider, String providerEventId, String type, String apiVersion, String payload,
                         String correlationId) {
        this(provider, providerEventId, type, apiVersion, payload, correlationId, null, EventSource.WEBHOOK);
    }

    public IncomingEvent {
        Objects.requireNonNull(provider);
        Objects.requireNonNull(providerEventId);
        Objects.requireNonNull(type);
        Objects.requireNonNull(payload);
        Objects.requireNonNull(correlationId);
        Objects.requireNonNull(source);
    }

    /** This event with {@code storable} as its payload, and the payload as received kept beside it. */
    public IncomingEvent withStorablePayload(String storable) {
        return new IncomingEvent(provider, providerEventId, type, apiVersion, storable, correlationId, payload, source);
    }

    public Lane lane() {
        return Lane.of(provider, type);
    }
}
