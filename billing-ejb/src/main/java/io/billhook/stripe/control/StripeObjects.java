package io.billhook.stripe.control;

import com.stripe.exception.StripeException;
import com.stripe.model.Invoice;
import com.stripe.model.Subscription;
import io.billhook.handling.entity.FetchFirst;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What event handlers need from the Stripe API, fetched outside the processing transaction. A handler asks here:
 * what was fetched a moment ago is answered at once; anything else is a {@link FetchFirst}, on which the processor
 * rolls back, fetches it through {@link StripeCalls} (Fault Tolerance, bulkhead) with no transaction open, and
 * applies the event again. A fetched object's version is the time it was read, so the freshness rules never let it
 * move a newer stored state backwards.
 */
@ApplicationScoped
public class StripeObjects {

    /** How long a fetched object answers; the events that need it come within the same attempt. */
    static final Duration FRESH_FOR = Duration.ofSeconds(30);

    /** Beyond this many, the expired are dropped, and if that is not enough, all. */
    static final int HELD_AT_MOST = 1_000;

    /** An object as Stripe had it at {@code version} (epoch seconds). */
    public record Fetched<T>(T object, long version) {
    }

    @Inject
    StripeCalls calls;

    private final Clock clock = Clock.systemUTC();
    private final Map<String, Held> held = new ConcurrentHashMap<>();

    private record Held(Object value, Instant at) {
    }

    public boolean configured() {
        return calls.configured();
    }

    /** The invoice as Stripe has it now; for events that name an invoice this server has not seen. */
    public Fetched<Invoice> invoice(String stripeInvoiceId) {
        return held("invoice " + stripeInvoiceId, () -> fetched(calls.invoice(stripeInvoiceId)));
    }

    /** The subscription as Stripe has it now; for events that name a subscription this server has not seen. */
    public Fetched<Subscription> subscription(String stripeSubscriptionId) {
        return held("subscription " + stripeSubscriptionId, () -> fetched(calls.subscription(stripeSubscriptionId)));
    }

    /** A thin event's full event (its data: a meter error report's errors, say), as JSON. */
    public Fetched<String> thinEvent(String eventId) {
        return held("event " + eventId, () -> fetched(calls.thinEvent(eventId)));
    }

    /** For an event older than what is stored; nothing when the API is away (the stored, newer, state stays). */
    public Optional<Fetched<Invoice>> latestInvoice(String stripeInvoiceId) {
        if (!configured()) {
            return Optional.empty();
        }
        return held("latest invoice " + stripeInvoiceId, () -> calls.latestInvoice(stripeInvoiceId).map(this::fetched));
    }

    /** For an event older than what is stored; nothing when the API is away (the stored, newer, state stays). */
    public Optional<Fetched<Subscription>> latestSubscription(String stripeSubscriptionId) {
        if (!configured()) {
            return Optional.empty();
        }
        return held("latest subscription " + stripeSubscriptionId,
                () -> calls.latestSubscription(stripeSubscriptionId).map(this::fetched));
    }

    @SuppressWarnings("unchecked")
    private <T> T held(String what, Call<T> call) {
        Held answer = held.get(what);
        if (answer != null && answer.at().isAfter(clock.instant().minus(FRESH_FOR))) {
            return (T) answer.value();
        }
        throw new FetchFirst("the Stripe " + what, () -> hold(what, call));
    }

    private void hold(String what, Call<?> call) {
        Object value;
        try {
            value = call.call();
        } catch (StripeException e) {
            throw new StripeUnavailable(e);
        }
        if (held.size() >= HELD_AT_MOST) {
            Instant expired = clock.instant().minus(FRESH_FOR);
            held.values().removeIf(h -> h.at().isBefore(expired));
            if (held.size() >= HELD_AT_MOST) {
                held.clear();
            }
        }
        held.put(what, new Held(value, clock.instant()));
    }

    private <T> Fetched<T> fetched(T object) {
        return new Fetched<>(object, clock.instant().getEpochSecond());
    }

    @FunctionalInterface
    private interface Call<T> {
        T call() throws StripeException;
    }

    /** The Stripe API answered with an error, or not at all: the event is retried later. */
    public static class StripeUnavailable extends RuntimeException {
        StripeUnavailable(StripeException cause) {
            super("Stripe API: " + cause.getMessage(), cause);
        }
    }
}
