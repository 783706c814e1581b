package io.billhook.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A span's W3C {@code traceparent}, the one value that carries a trace from the request that stored an event to
 * the consumer that applies it (a wake-up message's property) and to its retries. Null when nothing is traced, so
 * that messages carry nothing while tracing is off.
 */
public final class TraceParent {

    private static final String HEADER = "traceparent";

    private static final TextMapGetter<String> GIVEN = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String traceParent) {
            return List.of(HEADER);
        }

        @Override
        public String get(String traceParent, String key) {
            return HEADER.equals(key) ? traceParent : null;
        }
    };

    private TraceParent() {
    }

    /** The current span's traceparent, or null when there is no recording span. */
    public static String ofCurrent() {
        if (!Span.current().getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3CTraceContextPropagator.getInstance().inject(Context.current(), carrier, Map::put);
        return carrier.get(HEADER);
    }

    /**
     * The context a span continuing {@code traceParent} starts in: the root context when there is none, so that
     * a pooled thread never continues what it ran before.
     */
    public static Context continuing(String traceParent) {
        return traceParent == null ? Context.root()
                : W3CTraceContextPropagator.getInstance().extract(Context.root(), traceParent, GIVEN);
    }
}
