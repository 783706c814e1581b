package io.billhook.stripe.control;

import com.stripe.exception.ApiException;
import com.stripe.exception.AuthenticationException;
import com.stripe.exception.InvalidRequestException;
import com.stripe.exception.PermissionException;
import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import com.stripe.model.Invoice;
import com.stripe.model.StripeCollection;
import com.stripe.model.Subscription;
import com.stripe.net.ApiResource;
import com.stripe.net.RequestOptions;
import com.stripe.net.StripeResponse;
import com.stripe.param.InvoiceListParams;
import com.stripe.param.SubscriptionListParams;
import com.stripe.param.billing.MeterEventCreateParams;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.faulttolerance.Bulkhead;
import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;

/**
 * Every call Billhook makes to the Stripe API, behind one Fault Tolerance configuration: a call is bounded, an
 * idempotent call is retried with jitter, and a failing API opens the method's own circuit so that events stop
 * waiting on it (their failure is transient: they are retried later). A 404 or another refused request is an
 * answer, not an outage: it neither retries nor counts against the circuit. Each method has a circuit of its
 * own. The values are tuned through MicroProfile Config for all of them
 * ({@code io.billhook.stripe.control.StripeCalls/CircuitBreaker/delay=10}); the specification ignores a method's
 * key for a class-level annotation, so a call that needs other values than its siblings gets an annotation of
 * its own, which its own key then tunes.
 */
@ApplicationScoped
@Timeout(value = 10, unit = ChronoUnit.SECONDS)
@Retry(maxRetries = 2, delay = 200, jitter = 100,
        abortOn = {InvalidRequestException.class, AuthenticationException.class, PermissionException.class})
@CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS,
        skipOn = {InvalidRequestException.class, BulkheadException.class})
@Bulkhead(StripeCalls.AT_ONCE)
public class StripeCalls {

    /**
     * Calls of one method in flight at once. A slow Stripe API then holds at most this many of the consumers (the
     * others take Retell, Cal.com and the events that need no API); a call beyond it fails at once, transiently, and
     * its event is retried later. A full bulkhead says nothing about the API: it does not count against the circuit.
     */
    static final int AT_ONCE = 4;

    /** A usage record's meter event identifier (and idempotency key) is this and the record's id. */
    public static final String USAGE_IDENTIFIER = "billhook-call-usage-";

    /** Objects per page of a listing: Stripe's most. */
    static final long PAGE = 100;

    @Inject
    StripeApi api;

    /** The meter's event name in Stripe; the meter sums {@code value} per customer. */
    @Inject
    @ConfigProperty(name = "BILLHOOK_STRIPE_METER_EVENT", defaultValue = "billhook_call_seconds")
    String meterEventName;

    public boolean configured() {
        return api.configured();
    }

    /** The invoice as Stripe has it now; for events that name an invoice this server has not seen. */
    public Invoice invoice(String stripeInvoiceId) throws StripeException {
        return api.client().v1().invoices().retrieve(stripeInvoiceId);
    }

    /**
     * The invoice as Stripe has it now, for an event older than what is stored. Degrades to nothing (the
     * stored state stays, which is newer than the event anyway) when the API is away; without an API key
     * {@link StripeObjects} does not ask.
     */
    @Fallback(fallbackMethod = "storedInvoiceStays")
    public Optional<Invoice> latestInvoice(String stripeInvoiceId) throws StripeException {
        return Optional.of(api.client().v1().invoices().retrieve(stripeInvoiceId));
    }

    /** The subscription as Stripe has it now; for events that name a subscription this server has not seen. */
    public Subscription subscription(String stripeSubscriptionId) throws StripeException {
        return api.client().v1().subscriptions().retrieve(stripeSubscriptionId);
    }

    /** For an event older than what is stored; degrades to nothing, keeping the stored (newer) state. */
    @Fallback(fallbackMethod = "storedSubscriptionStays")
    public Optional<Subscription> latestSubscription(String stripeSubscriptionId) throws StripeException {
        return Optional.of(api.client().v1().subscriptions().retrieve(stripeSubscriptionId));
    }

    /** A page of the customer's invoices, newest first, for a reconciliation; {@code startingAfter} null: the first. */
    public StripeCollection<Invoice> invoices(String stripeCustomerId, String startingAfter) throws StripeException {
        return api.client().v1().invoices().list(InvoiceListParams.builder().setCustomer(stripeCustomerId)
                .setLimit(PAGE).setStartingAfter(startingAfter).build());
    }

    /** A page of the customer's subscriptions in every status (canceled ones too), for a reconciliation. */
    public StripeCollection<Subscription> subscriptions(String stripeCustomerId, String startingAfter) throws StripeException {
        return api.client().v1().subscriptions().list(SubscriptionListParams.builder().setCustomer(stripeCustomerId)
                .setStatus(SubscriptionListParams.Status.ALL).setLimit(PAGE).setStartingAfter(startingAfter).build());
    }

    /**
     * Reports call usage as a Billing meter event (stripe-java 33 pins API version 2026-07-29.dahlia, which has
     * no legacy usage records). The meter event's {@code identifier} and idempotency key are the usage record's
     * own, so a retry, a restart or a report whose answer was lost never bills twice.
     */
    public void reportUsage(long usageId, String stripeCustomerId, long seconds, OffsetDateTime occurredAt)
            throws StripeException {
        String identifier = USAGE_IDENTIFIER + usageId;
        api.client().v1().billing().meterEvents().create(MeterEventCreateParams.builder()
                        .setEventName(meterEventName)
                        .setIdentifier(identifier)
                        .setTimestamp(occurredAt.toEpochSecond())
                        .putPayload("stripe_customer_id", stripeCustomerId)
                        .putPayload("value", Long.toString(seconds))
                        .build(),
                RequestOptions.builder().setIdempotencyKey(identifier).build());
    }

    /**
     * One page of Stripe's Events API ({@code GET /v1/events?…}) as Stripe sent it, for a backfill. A 429 is Stripe
     * asking the caller to slow down: not retried here and not counted against the circuit; the caller waits
     * {@link #retryAfter()} and asks again.
     */
    @Retry(maxRetries = 2, delay = 200, jitter = 100, abortOn = {InvalidRequestException.class,
            AuthenticationException.class, PermissionException.class, RateLimitException.class})
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.5, delay = 30, delayUnit = ChronoUnit.SECONDS,
            skipOn = {InvalidRequestException.class, BulkheadException.class, RateLimitException.class})
    public String eventPage(String query) throws StripeException {
        StripeResponse page = api.client().rawRequest(ApiResource.RequestMethod.GET, "/v1/events?" + query, null);
        if (page.code() == 429) {
            throw new RateLimitException("Stripe asks to slow down (429)", null, page.requestId(), "rate_limit", 429, null);
        }
        if (page.code() >= 400) {
            throw new ApiException("the Events API answered " + page.code(), page.requestId(), null, page.code(), null);
        }
        return page.body();
    }

    /** A thin event's full event ({@code GET /v2/core/events/{id}}) as Stripe sent it. */
    public String thinEvent(String eventId) throws StripeException {
        StripeResponse event = api.client().rawRequest(ApiResource.RequestMethod.GET, "/v2/core/events/" + eventId, null);
        if (event.code() == 404 || event.code() == 400) {
            throw new InvalidRequestException("Stripe has no event " + eventId + " (" + event.code() + ")", null,
                    event.requestId(), null, event.code(), null);
        }
        if (event.code() >= 400) {
            throw new ApiException("the v2 Events API answered " + event.code(), event.requestId(), null, event.code(), null);
        }
        return event.body();
    }

    /** The wait Stripe named when it last refused a call of this thread with 429. */
    public Optional<Duration> retryAfter() {
        return StripeHttpClient.retryAfter();
    }

    Optional<Invoice> storedInvoiceStays(String stripeInvoiceId) {
        return Optional.empty();
    }

    Optional<Subscription> storedSubscriptionStays(String stripeSubscriptionId) {
        return Optional.empty();
    }
}
