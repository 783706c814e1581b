package io.billhook.backfill.control;

import com.stripe.exception.RateLimitException;
import com.stripe.exception.StripeException;
import io.billhook.backfill.entity.BackfillRequest;
import io.billhook.stripe.control.StripeCalls;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.StringJoiner;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Pages through Stripe's Events API ({@code GET /v1/events}, 100 events a page, newest first) for a backfill. A
 * page Stripe refuses with 429 is asked for again after the {@code Retry-After} Stripe named (else 1, 2, 4 … s),
 * {@code BILLHOOK_STRIPE_BACKFILL_RATE_WAITS} times at most; the calls themselves are {@link StripeCalls}', behind
 * its Fault Tolerance.
 */
@ApplicationScoped
public class StripeEventPages {

    static final int PAGE = 100;

    @Inject
    StripeCalls stripe;

    @Inject
    @ConfigProperty(name = "BILLHOOK_STRIPE_BACKFILL_RATE_WAITS", defaultValue = "5")
    int rateWaits;

    /** The page of {@code listing} (a type, a family, or null for all) after {@code startingAfter} (null: the first). */
    public EventPage page(BackfillRequest request, String listing, String startingAfter) throws StripeException {
        String query = query(request, listing, startingAfter);
        for (int waited = 0; ; waited++) {
            try {
                return EventPage.parse(stripe.eventPage(query));
            } catch (RateLimitException slowDown) {
                if (waited >= rateWaits) {
                    throw slowDown;
                }
                sleep(stripe.retryAfter().orElse(Duration.ofSeconds(1L << Math.min(waited, 5))));
            }
        }
    }

    static String query(BackfillRequest request, String listing, String startingAfter) {
        StringJoiner query = new StringJoiner("&");
        query.add("limit=" + PAGE);
        query.add(encode("created[gte]") + "=" + request.since().getEpochSecond());
        if (listing != null) {
            query.add("type=" + encode(listing));
        }
        if (request.undeliveredOnly()) {
            query.add("delivery_success=false");
        }
        if (startingAfter != null) {
            query.add("starting_after=" + encode(startingAfter));
        }
        return query.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static void sleep(Duration wait) throws RateLimitException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RateLimitException("interrupted while waiting for Stripe's rate limit", null, null, null, 429, e);
        }
    }
}
