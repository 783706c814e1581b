package io.billhook.invoices.control;

import com.stripe.exception.AuthenticationException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.StripeException;
import com.stripe.model.Invoice;
import io.billhook.stripe.control.StripeApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Reads invoices from the Stripe API, behind Fault Tolerance: a call is bounded, an idempotent read is
 * retried with jitter, and a failing API opens the circuit so that events stop waiting on it (their
 * failure is transient: they are retried later). A 404 is an answer, not an outage.
 */
@ApplicationScoped
public class StripeInvoiceService {

    @Inject
    StripeApi api;

    /** The invoice as Stripe has it now; for events that name an invoice this server has not seen. */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 200,
            abortOn = {InvalidRequestException.class, AuthenticationException.class, PermissionException.class})
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS,
            skipOn = InvalidRequestException.class)
    public Invoice invoice(String stripeInvoiceId) throws StripeException {
        return api.client().v1().invoices().retrieve(stripeInvoiceId);
    }

    /**
     * The invoice as Stripe has it now, for an event older than what is stored. Degrades to nothing (the
     * stored state stays, which is newer than the event anyway) when the API is away or not configured.
     */
    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 200,
            abortOn = {InvalidRequestException.class, AuthenticationException.class, PermissionException.class})
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS,
            skipOn = InvalidRequestException.class)
    @Fallback(fallbackMethod = "storedStateStays")
    public Optional<Invoice> latest(String stripeInvoiceId) throws StripeException {
        return api.configured() ? Optional.of(api.client().v1().invoices().retrieve(stripeInvoiceId)) : Optional.empty();
    }

    Optional<Invoice> storedStateStays(String stripeInvoiceId) {
        return Optional.empty();
    }
}
