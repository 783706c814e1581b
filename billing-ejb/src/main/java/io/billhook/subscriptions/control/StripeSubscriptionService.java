package io.billhook.subscriptions.control;

import com.stripe.exception.AuthenticationException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.StripeException;
import com.stripe.model.Subscription;
import io.billhook.stripe.control.StripeApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/** Reads subscriptions from the Stripe API, behind Fault Tolerance (see {@code StripeInvoiceService}). */
@ApplicationScoped
public class StripeSubscriptionService {

    @Inject
    StripeApi api;

    /** The subscription as Stripe has it now; for events that name a subscription this server has not seen. */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 200,
            abortOn = {InvalidRequestException.class, AuthenticationException.class, PermissionException.class})
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS,
            skipOn = InvalidRequestException.class)
    public Subscription subscription(String stripeSubscriptionId) throws StripeException {
        return api.client().v1().subscriptions().retrieve(stripeSubscriptionId);
    }

    /** For an event older than what is stored; degrades to nothing, keeping the stored (newer) state. */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 200,
            abortOn = {InvalidRequestException.class, AuthenticationException.class, PermissionException.class})
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS,
            skipOn = InvalidRequestException.class)
    @Fallback(fallbackMethod = "storedStateStays")
    public Optional<Subscription> latest(String stripeSubscriptionId) throws StripeException {
        return api.configured() ? Optional.of(api.client().v1().subscriptions().retrieve(stripeSubscriptionId))
                : Optional.empty();
    }

    Optional<Subscription> storedStateStays(String stripeSubscriptionId) {
        return Optional.empty();
    }
}
