package io.billhook.ingest.control;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
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

    private static JsonObject object(byte[] body) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            JsonValue value = reader.readValue();
            if (!(value instanceof JsonObject object)) {
                throw invalid("the body is not a JSON object");
            }
            return object;
        } catch (JsonException e) {
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
