package io.billhook.handling.entity;

import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * One event type a feature applies: its provider and name, what it does to billing (in words, for operators),
 * the method that does it, and the fields of the event's object that method reads ({@code data.object} of a Stripe
 * event): a payload without one of them is of an API version whose objects are shaped otherwise. The lane follows
 * from the type ({@link Lane#of}).
 */
public record EventType(Provider provider, String name, String effect, Set<String> reads,
                        Function<ReceivedEvent, Outcome> apply) {

    public EventType {
        Objects.requireNonNull(provider);
        Objects.requireNonNull(name);
        Objects.requireNonNull(apply);
        reads = Set.copyOf(reads);
        if (effect == null || effect.isBlank()) {
            throw new IllegalArgumentException(name + " needs an effect");
        }
    }

    public EventType(Provider provider, String name, String effect, Function<ReceivedEvent, Outcome> apply) {
        this(provider, name, effect, Set.of(), apply);
    }

    public Lane lane() {
        return Lane.of(provider, name);
    }
}
