package io.billhook.ingest.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class RawBodyTest {

    private static final java.time.Duration TEN_SECONDS = java.time.Duration.ofSeconds(10);

    @Test
    void readsTheExactBytesUpToTheLimit() {
        byte[] body = new byte[1024];
        body[7] = 42;
        assertArrayEquals(body, RawBody.read(new ByteArrayInputStream(body), -1, 1024, TEN_SECONDS));
    }

    @Test
    void refusesBodiesOverTheLimitWhetherDeclaredOrNot() {
        assertEquals(413, assertThrows(WebhookRejected.class,
                () -> RawBody.read(new ByteArrayInputStream(new byte[1025]), -1, 1024, TEN_SECONDS)).status());
        assertEquals(413, assertThrows(WebhookRejected.class,
                () -> RawBody.read(new ByteArrayInputStream(new byte[10]), 5000, 1024, TEN_SECONDS)).status());
    }

    @Test
    void acceptsJsonWithOrWithoutCharsetOnly() {
        assertDoesNotThrow(() -> RawBody.requireJson("application/json"));
        assertDoesNotThrow(() -> RawBody.requireJson("Application/JSON; charset=utf-8"));
        for (String type : new String[] {"text/plain", "application/x-www-form-urlencoded", "*/*", "application/*",
                "application/jsonp", "", null}) {
            assertEquals(415, assertThrows(WebhookRejected.class, () -> RawBody.requireJson(type)).status(), type);
        }
    }

    @Test
    void textIsDecodedStrictly() {
        assertEquals("{\"name\":\"Zoë ☎\"}", RawBody.utf8("{\"name\":\"Zoë ☎\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        for (byte[] malformed : new byte[][] {{'{', (byte) 0xC3, '}'}, {'{', (byte) 0xFF, '}'}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}}) {
            WebhookRejected refused = assertThrows(WebhookRejected.class, () -> RawBody.utf8(malformed));
            assertEquals(400, refused.status());
            assertEquals("invalid-event", refused.reason());
        }
    }

    @Test
    void aBodyThatTakesLongerThanItsDeadlineIsRefused() {
        java.io.InputStream trickle = new java.io.InputStream() {
            @Override
            public int read() {
                try {
                    Thread.sleep(30);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return '{';
            }

            @Override
            public int read(byte[] into, int offset, int length) {
                into[offset] = (byte) read();
                return 1;
            }
        };
        WebhookRejected refused = assertThrows(WebhookRejected.class,
                () -> RawBody.read(trickle, -1, 1024 * 1024, java.time.Duration.ofMillis(300)));
        assertEquals(408, refused.status());
        assertEquals("body-too-slow", refused.reason());
    }

    @Test
    void aCompressedBodyIsRefused() {
        for (String encoding : new String[] {"gzip", "deflate", "br", "gzip, identity"}) {
            WebhookRejected refused = assertThrows(WebhookRejected.class, () -> RawBody.requireIdentityEncoding(encoding));
            assertEquals(415, refused.status(), encoding);
            assertEquals("unsupported-content-encoding", refused.reason());
        }
        RawBody.requireIdentityEncoding(null);
        RawBody.requireIdentityEncoding("identity");
    }
}
