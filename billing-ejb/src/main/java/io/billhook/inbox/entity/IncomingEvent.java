package io.billhook.inbox.entity;

import io.billhook.handling.entity.Lane;
import io.billhook.handling.entity.Provider;
import java.util.Objects;

/** A verified delivery, ready to be stored: the raw payload plus the few fields read from it. */
public record IncomingEvent(Provider provider, String providerEventId, String type, String apiVersion,
                            String payload, String correlationId) {

    public IncomingEvent {
        Objects.requireNonNull(provider);
        Objects.requireNonNull(providerEventId);
        Objects.requireNonNull(type);
        Objects.requireNonNull(payload);
        Objects.requireNonNull(correlationId);
    }

    public Lane lane() {
        return Lane.of(provider, type);
    }
}
