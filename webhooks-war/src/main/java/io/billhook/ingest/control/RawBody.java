package io.billhook.ingest.control;

import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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

    /**
     * Refuses compressed bodies: the providers send none, and a few kilobytes on the wire could become the whole
     * size limit in memory before any signature is checked.
     */
    public static void requireIdentityEncoding(String contentEncoding) {
        if (contentEncoding != null && !contentEncoding.isBlank() && !contentEncoding.strip().equalsIgnoreCase("identity")) {
            throw new WebhookRejected(415, "unsupported-content-encoding",
                    "webhooks are not accepted with Content-Encoding " + contentEncoding.strip());
        }
    }

    /**
     * The body, at most {@code maxBytes}, read within {@code deadline} from the start: a sender that trickles its
     * bytes is refused once it has passed (checked after every read; a read still waiting then is ended by the
     * server's read timeout, BILLHOOK_HTTP_READ_TIMEOUT).
     */
    public static byte[] read(InputStream in, long declaredLength, long maxBytes, Duration deadline) {
        if (declaredLength > maxBytes) {
            throw tooLarge(declaredLength, maxBytes);
        }
        long until = System.nanoTime() + deadline.toNanos();
        ByteArrayOutputStream body = new ByteArrayOutputStream((int) Math.min(Math.max(declaredLength, 1024), maxBytes));
        byte[] chunk = new byte[8192];
        try {
            int read;
            while ((read = in.read(chunk)) >= 0) {
                body.write(chunk, 0, read);
                if (body.size() > maxBytes) {
                    throw tooLarge(body.size(), maxBytes);
                }
                if (System.nanoTime() > until) {
                    throw new WebhookRejected(408, "body-too-slow", "the body was not received within " + deadline.toSeconds() + " s");
                }
            }
            return body.toByteArray();
        } catch (IOException e) {
            if (System.nanoTime() > until) {
                // the server's read timeout ended a read that was still waiting when the deadline passed
                throw new WebhookRejected(408, "body-too-slow", "the body was not received within " + deadline.toSeconds() + " s");
            }
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
