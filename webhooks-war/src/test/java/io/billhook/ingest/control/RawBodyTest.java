package io.billhook.ingest.control;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class RawBodyTest {

    @Test
    void readsTheExactBytesUpToTheLimit() {
        byte[] body = new byte[1024];
        body[7] = 42;
        assertArrayEquals(body, RawBody.read(new ByteArrayInputStream(body), -1, 1024));
    }

    @Test
    void refusesBodiesOverTheLimitWhetherDeclaredOrNot() {
        assertEquals(413, assertThrows(WebhookRejected.class,
                () -> RawBody.read(new ByteArrayInputStream(new byte[1025]), -1, 1024)).status());
        assertEquals(413, assertThrows(WebhookRejected.class,
                () -> RawBody.read(new ByteArrayInputStream(new byte[10]), 5000, 1024)).status());
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
}
