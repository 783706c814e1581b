package io.billhook.ingest.control;

import io.billhook.Jsonp;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParser.Event;
import java.io.ByteArrayInputStream;

/**
 * The few top-level fields of a Stripe event that the inbox needs. One streaming pass reads them and
 * checks that the whole body is well-formed JSON; nested values are checked, not built.
 */
public record StripeEnvelope(String id, String type, String apiVersion) {

    /** A snapshot event ({@code "object": "event"}), as a webhook endpoint sends it. */
    public static StripeEnvelope read(byte[] body) {
        return read(body, "event");
    }

    /**
     * A thin event ({@code "object": "v2.core.event"}: an id, a type and a {@code related_object}, no snapshot), as
     * an event destination sends it.
     */
    public static StripeEnvelope readThin(byte[] body) {
        return read(body, "v2.core.event");
    }

    private static StripeEnvelope read(byte[] body, String expected) {
        String id = null;
        String type = null;
        String apiVersion = null;
        String object = null;
        try (JsonParser parser = Jsonp.PROVIDER.createParser(new ByteArrayInputStream(body))) {
            if (!parser.hasNext() || parser.next() != Event.START_OBJECT) {
                throw invalid("the body is not a JSON object");
            }
            Event event;
            while ((event = parser.next()) == Event.KEY_NAME) {
                String key = parser.getString();
                Event value = parser.next();
                switch (key) {
                    case "id" -> id = text(parser, value, key);
                    case "type" -> type = text(parser, value, key);
                    case "api_version" -> apiVersion = value == Event.VALUE_NULL ? null : text(parser, value, key);
                    case "object" -> object = text(parser, value, key);
                    default -> skip(parser, value);
                }
            }
            if (event != Event.END_OBJECT || parser.hasNext()) {
                throw invalid("the body has content after the event object");
            }
        } catch (WebhookRejected e) {
            throw e;
        } catch (java.util.NoSuchElementException e) {
            throw invalid("the body is truncated JSON");
        } catch (RuntimeException e) {
            // JsonException, and the parser's plain RuntimeException for input nested too deeply
            throw invalid("the body is not valid JSON: " + e.getMessage());
        }
        if (!expected.equals(object)) {
            throw invalid("the JSON is not a Stripe " + ("event".equals(expected) ? "" : "thin ") + "event (object is not \""
                    + expected + "\")" + ("v2.core.event".equals(object) ? ": thin events go to /webhooks/stripe/thin"
                    : "event".equals(object) ? ": snapshot events go to /webhooks/stripe" : ""));
        }
        if (id == null || id.isBlank()) {
            throw invalid("the event has no id");
        }
        if (type == null || type.isBlank()) {
            throw invalid("the event has no type");
        }
        return new StripeEnvelope(id, type, apiVersion);
    }

    private static String text(JsonParser parser, Event value, String key) {
        if (value != Event.VALUE_STRING) {
            throw invalid("\"" + key + "\" is not a string");
        }
        return parser.getString();
    }

    /** Walks over a nested value token by token: the parser's own skip methods do not check the syntax. */
    private static void skip(JsonParser parser, Event value) {
        int depth = value == Event.START_OBJECT || value == Event.START_ARRAY ? 1 : 0;
        while (depth > 0) {
            Event next = parser.next();
            if (next == Event.START_OBJECT || next == Event.START_ARRAY) {
                depth++;
            } else if (next == Event.END_OBJECT || next == Event.END_ARRAY) {
                depth--;
            }
        }
    }

    private static WebhookRejected invalid(String detail) {
        return WebhookRejected.badRequest("invalid-event", detail);
    }
}
