package io.billhook.processing.control;

import io.billhook.logging.LogFields;
import io.billhook.processing.entity.Reminder;
import io.billhook.tracing.TraceParent;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The consumer's span of each event of one wake-up message, a child of the span that stored the event (or of its
 * last attempt), so that one delivery is one trace across the queue. A span lasts from the message's arrival until
 * its event is done, the commit it shares with the message's other events included; while the event is worked on
 * its span is the current one, and its ids are on every log line.
 */
public final class EventSpans implements AutoCloseable {

    private final Map<Long, Span> spans = new LinkedHashMap<>();

    private EventSpans() {
    }

    public static EventSpans start(Tracer tracer, List<Reminder> reminders) {
        EventSpans started = new EventSpans();
        for (Reminder reminder : reminders) {
            started.spans.put(reminder.webhookEventId(), tracer.spanBuilder("WebhookEvents process")
                    .setParent(TraceParent.continuing(reminder.traceParent()))
                    .setSpanKind(SpanKind.CONSUMER)
                    .setAttribute("messaging.system", "jms")
                    .setAttribute("messaging.operation", "process")
                    .setAttribute("messaging.destination.name", "WebhookEvents")
                    .setAttribute("billhook.webhook_event.id", reminder.webhookEventId())
                    .startSpan());
        }
        return started;
    }

    /** Until closed: the event's span is current, and its fields (event, correlation, trace and span ids) are logged. */
    public Working working(Reminder reminder) {
        Span span = spans.getOrDefault(reminder.webhookEventId(), Span.getInvalid());
        Scope current = span.makeCurrent();
        return new Working(current, ProcessingLog.fieldsOf(reminder.webhookEventId(), reminder.correlationId()));
    }

    @Override
    public void close() {
        spans.values().forEach(Span::end);
    }

    /** An event being worked on. */
    public record Working(Scope current, LogFields fields) implements AutoCloseable {
        @Override
        public void close() {
            fields.close();
            current.close();
        }
    }
}
