package io.billhook.ingest.control;

import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** The exact bytes a provider sent (signatures are over these, never over re-serialised JSON), within a size limit. */
public final class RawBody {

    private RawBody() {
    }

    /** Refuses anything but JSON: providers send {@code application/json}, optionally with a charset. */
    public static void requireJson(String contentType) {
        String base = contentType == null ? "" : contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!base.equals(MediaType.APPLICATION_JSON)) {
            throw new WebhookRejected(415, "unsupported-media-type", "webhooks must be sent as application/json, not "
                    + (contentType == null || contentType.isBlank() ? "without a content type" : contentType));
        }
    }

    public static byte[] read(InputStream in, long declaredLength, long maxBytes) {
        if (declaredLength > maxBytes) {
            throw tooLarge(declaredLength, maxBytes);
        }
        try {
            byte[] body = in.readNBytes((int) Math.min(maxBytes + 1, Integer.MAX_VALUE - 8));
            if (body.length > maxBytes) {
                throw tooLarge(body.length, maxBytes);
            }
            return body;
        } catch (IOException e) {
            throw WebhookRejected.badRequest("unreadable-body", "the request body could not be read: " + e.getMessage());
        }
    }

    /**
     * The body as text, decoded strictly: a malformed byte is refused rather than replaced, so the stored payload
     * is always exactly what was signed, and the processor reads the same event the door accepted.
     */
    public static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body))
                    .toString();
        } catch (CharacterCodingException e) {
            throw WebhookRejected.badRequest("invalid-event", "the body is not valid UTF-8");
        }
    }

    private static WebhookRejected tooLarge(long size, long maxBytes) {
        return new WebhookRejected(413, "payload-too-large",
                "the body has " + (size > maxBytes ? "more than " + maxBytes : size) + " bytes; the limit is " + maxBytes);
    }
}
