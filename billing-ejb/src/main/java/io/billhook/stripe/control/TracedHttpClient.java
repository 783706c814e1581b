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
import java.util.regex.Pattern;

/**
 * stripe-java's own HTTP client with a client span around every request it sends, each retry its own span, in the
 * trace of the event that needed it. The span is named by method and path with the object ids taken out, so that
 * its name says which API was called whatever the object.
 */
class TracedHttpClient extends HttpURLConnectionClient {

    /**
     * A Stripe object id in a path: a prefix, an underscore, and at least eight letters and digits with a digit or a
     * capital among them ({@code in_1L91RT2eC3uLkQFz7HU5Jp56}), which no resource name ({@code meter_events}) has.
     */
    private static final Pattern OBJECT_ID = Pattern.compile("/[a-z]+_(?=[a-z]*[0-9A-Z])[A-Za-z0-9]{8,}(?=/|$)");

    private final Tracer tracer;

    TracedHttpClient(Tracer tracer) {
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
            StripeResponse response = super.request(request);
            span.setAttribute("http.response.status_code", response.code());
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

    static String route(String path) {
        return OBJECT_ID.matcher(path).replaceAll("/{id}");
    }
}
