package io.billhook.calls.control;

import com.stripe.exception.AuthenticationException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.StripeException;
import com.stripe.net.RequestOptions;
import com.stripe.param.billing.MeterEventCreateParams;
import io.billhook.stripe.control.StripeApi;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;

/**
 * Reports call usage to Stripe as Billing meter events (stripe-java 33 pins API version 2026-07-29.dahlia,
 * which has no legacy usage records). Each usage record is one meter event whose {@code identifier} and
 * idempotency key are the record's own, so a retry, a restart or a report whose answer was lost never bills
 * twice. Behind Fault Tolerance like the other Stripe calls.
 */
@ApplicationScoped
public class StripeUsageService {

    @Inject
    StripeApi api;

    /** The meter's event name in Stripe; the meter sums {@code value} per customer. */
    @Inject
    @ConfigProperty(name = "BILLHOOK_STRIPE_METER_EVENT", defaultValue = "billhook_call_seconds")
    String meterEventName;

    public boolean configured() {
        return api.configured();
    }

    @Timeout(value = 10, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, jitter = 200,
            abortOn = {InvalidRequestException.class, AuthenticationException.class, PermissionException.class})
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS)
    public void report(long usageId, String stripeCustomerId, long seconds, OffsetDateTime occurredAt) throws StripeException {
        String identifier = "billhook-call-usage-" + usageId;
        api.client().v1().billing().meterEvents().create(MeterEventCreateParams.builder()
                        .setEventName(meterEventName)
                        .setIdentifier(identifier)
                        .setTimestamp(occurredAt.toEpochSecond())
                        .putPayload("stripe_customer_id", stripeCustomerId)
                        .putPayload("value", Long.toString(seconds))
                        .build(),
                RequestOptions.builder().setIdempotencyKey(identifier).build());
    }
}
