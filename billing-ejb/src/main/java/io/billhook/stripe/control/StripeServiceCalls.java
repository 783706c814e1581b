package io.billhook.stripe.control;

import com.stripe.exception.StripeException;
import java.util.Optional;

/** How event handlers call the Stripe services: an API error is a transient failure of the event. */
public final class StripeServiceCalls {

    private StripeServiceCalls() {
    }

    @FunctionalInterface
    public interface Call<T> {
        T call() throws StripeException;
    }

    public static <T> T fetch(Call<T> call) {
        try {
            return call.call();
        } catch (StripeException e) {
            throw new StripeUnavailable(e);
        }
    }

    /** For calls with a fallback, which do not throw. */
    public static <T> Optional<T> latest(Call<Optional<T>> call) {
        return fetch(call);
    }

    /** The Stripe API answered with an error, or not at all: retried later. */
    public static class StripeUnavailable extends RuntimeException {
        StripeUnavailable(StripeException cause) {
            super("Stripe API: " + cause.getMessage(), cause);
        }
    }
}
