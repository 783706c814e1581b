package io.billhook.stripe.control;

import com.stripe.exception.ApiConnectionException;
import com.stripe.net.HttpURLConnectionClient;
import com.stripe.net.StripeRequest;
import com.stripe.net.StripeResponse;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * stripe-java's own HTTP client with a client span around every request it sends, each retry its own span, in the
 * trace of the event that needed it. The span is named by method and path with the object ids taken out, so that
 * its name says which API was called whatever the object. It also keeps, for the calling thread, the
 * {@code Retry-After} of a request Stripe refused with 429: stripe-java's exception does not carry the headers.
 */
class StripeHttpClient extends HttpURLConnectionClient {

    private static final ThreadLocal<Duration> RETRY_AFTER = new ThreadLocal<>();

    /**
     * A Stripe object id in a path: a prefix, an underscore, and at least eight letters and digits with a digit or a
     * capital among them ({@code in_1L91RT2eC3uLkQFz7HU5Jp56}), which no resource name ({@code meter_events}) has.
     */
    private static final Pattern OBJECT_ID = Pattern.compile("/[a-z]+_(?=[a-z]*[0-9A-Z])[A-Za-z0-9]{8,}(?=/|$)");

    private final Tracer tracer;

    StripeHttpClient(Tracer tracer) {
        this.tracer = tracer;
    }

    @Override
    public StripeResponse request(StripeRequest request) throws ApiConnectionException {
        Span span = tracer.spanBuilder("Stripe " + request.method() + " " + route(request.url().getPath()))
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("http.request.method", request.method().name())
                .setAttribute("server.address", request.url().getHost())
                .setAttribute("url.path", request.url().getPath())
                .startSpan();
        try (Scope current = span.makeCurrent()) {
            RETRY_AFTER.remove();
            StripeResponse response = super.request(request);
            span.setAttribute("http.response.status_code", response.code());
            if (response.code() == 429) {
                response.headers().firstValue("Retry-After").flatMap(StripeHttpClient::seconds).ifPresent(RETRY_AFTER::set);
            }
            if (response.code() >= 400) {
                span.setStatus(StatusCode.ERROR);
            }
            return response;
        } catch (ApiConnectionException e) {
            span.recordException(e).setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            throw e;
        } finally {
            span.end();
        }
    }

    /** The wait Stripe asked for when it last refused this thread's request with 429, if it named one. */
    static Optional<Duration> retryAfter() {
        return Optional.ofNullable(RETRY_AFTER.get());
    }

    /** {@code Retry-After} in seconds (Stripe sends no HTTP dates there). */
    static Optional<Duration> seconds(String retryAfter) {
        try {
            long seconds = Long.parseLong(retryAfter.trim());
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            return Optional.empty();
        }
    }

    static String route(String path) {
        return OBJECT_ID.matcher(path).replaceAll("/{id}");
    }
}
