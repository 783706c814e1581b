package io.billhook.ingest.control;

import io.billhook.Jsonp;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * What the inbox needs of a Retell or Cal.com delivery. Neither sends an event id: Retell's is
 * {@code <call_id>:<event>}, Cal.com's {@code <triggerEvent>:<uid>:<createdAt>}, or a hash of the body when a
 * trigger carries no uid.
 */
public final class ProviderEnvelopes {

    private ProviderEnvelopes() {
    }

    public record Envelope(String id, String type) {
    }

    public static Envelope retell(byte[] body) {
        JsonObject json = object(body);
        String event = string(json, "event");
        if (event == null) {
            throw invalid("the Retell event has no \"event\"");
        }
        JsonObject call = json.get("call") instanceof JsonObject c ? c : null;
        String callId = call == null ? null : string(call, "call_id");
        if (callId == null) {
            throw invalid("the Retell event has no call.call_id");
        }
        return new Envelope(callId + ":" + event, event);
    }

    public static Envelope calcom(byte[] body) {
        JsonObject json = object(body);
        String trigger = string(json, "triggerEvent");
        if (trigger == null) {
            throw invalid("the Cal.com event has no \"triggerEvent\"");
        }
        // MEETING_STARTED and MEETING_ENDED are flat: the booking's fields sit at the top level
        JsonObject booking = json.get("payload") instanceof JsonObject payload ? payload : json;
        String uid = string(booking, "uid");
        String createdAt = string(json, "createdAt");
        String id = uid == null ? "sha256:" + sha256(body) : trigger + ":" + uid + ":" + (createdAt == null ? "" : createdAt);
        return new Envelope(id, trigger);
    }

    /** Deeper than any real payload (a few levels); checked by a streaming pass before a tree is built. */
    static final int MAX_DEPTH = 64;

    private static JsonObject object(byte[] body) {
        requireShallowObject(body);
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new ByteArrayInputStream(body))) {
            JsonValue value = reader.readValue();
            if (!(value instanceof JsonObject object)) {
                throw invalid("the body is not a JSON object");
            }
            return object;
        } catch (WebhookRejected e) {
            throw e;
        } catch (RuntimeException e) {
            // JsonException, and the parser's plain RuntimeException for input nested too deeply
            throw invalid("the body is not valid JSON: " + e.getMessage());
        }
    }

    /** Building a tree recurses per level: a hostile body of thousands of levels must not get that far. */
    private static void requireShallowObject(byte[] body) {
        try (JsonParser parser = Jsonp.PROVIDER.createParser(new ByteArrayInputStream(body))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                throw invalid("the body is not a JSON object");
            }
            int depth = 1;
            while (depth > 0) {
                JsonParser.Event event = parser.next();
                if (event == JsonParser.Event.START_OBJECT || event == JsonParser.Event.START_ARRAY) {
                    if (++depth > MAX_DEPTH) {
                        throw invalid("the body is nested more than " + MAX_DEPTH + " levels deep");
                    }
                } else if (event == JsonParser.Event.END_OBJECT || event == JsonParser.Event.END_ARRAY) {
                    depth--;
                }
            }
        } catch (WebhookRejected e) {
            throw e;
        } catch (RuntimeException e) {
            throw invalid("the body is not valid JSON: " + e.getMessage());
        }
    }

    private static String string(JsonObject json, String name) {
        JsonValue value = json.get(name);
        if (value == null || value.getValueType() == JsonValue.ValueType.NULL) {
            return null;
        }
        String text = value.getValueType() == JsonValue.ValueType.STRING ? json.getString(name) : value.toString();
        return text.isBlank() ? null : text;
    }

    private static String sha256(byte[] body) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static WebhookRejected invalid(String detail) {
        return WebhookRejected.badRequest("invalid-event", detail);
    }
}
