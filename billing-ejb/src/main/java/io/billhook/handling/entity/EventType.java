package io.billhook.handling.entity;

import java.util.Objects;
import java.util.function.Function;

/**
 * One event type a feature applies: its provider and name, what it does to billing (in words, for operators),
 * and the method that does it. The lane follows from the type ({@link Lane#of}).
 */
public record EventType(Provider provider, String name, String effect, Function<ReceivedEvent, Outcome> apply) {

    public EventType {
        Objects.requireNonNull(provider);
        Objects.requireNonNull(name);
        Objects.requireNonNull(apply);
        if (effect == null || effect.isBlank()) {
            throw new IllegalArgumentException(name + " needs an effect");
        }
    }

    public Lane lane() {
        return Lane.of(provider, name);
    }
}
