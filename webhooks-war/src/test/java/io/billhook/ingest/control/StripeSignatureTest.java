package io.billhook.ingest.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class StripeSignatureTest {

    private static final String SECRET = "whsec_test_secret";
    private static final String OLD_SECRET = "whsec_rolled_secret";
    private static final long NOW = 1_795_000_000L;
    private static final byte[] BODY = "{\"id\":\"evt_1\",\"object\":\"event\",\"type\":\"invoice.paid\"}"
            .getBytes(StandardCharsets.UTF_8);

    private final StripeSignature signature = new StripeSignature(List.of(SECRET), Duration.ofSeconds(300),
            Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));

    @Test
    void signatureIsHmacSha256OfTimestampDotBodyInHex() {
        // computed independently:
        // printf '%s' '1700000000.{"id":"evt_vector","object":"event"}' | openssl dgst -sha256 -hmac whsec_vector
        String expected = "312003d3e59c86e17a923026ffe503b3693cad6b3c64cbf9f1bfb184c9d355dc";
        byte[] body = "{\"id\":\"evt_vector\",\"object\":\"event\"}".getBytes(StandardCharsets.UTF_8);
        assertEquals(expected, StripeSignature.sign("whsec_vector", 1_700_000_000L, body));
        StripeSignature atThatTime = new StripeSignature(List.of("whsec_vector"), Duration.ofSeconds(300),
                Clock.fixed(Instant.ofEpochSecond(1_700_000_100L), ZoneOffset.UTC));
        assertDoesNotThrow(() -> atThatTime.verify("t=1700000000,v1=" + expected, body));
    }

    @Test
    void acceptsAValidSignature() {
        assertDoesNotThrow(() -> signature.verify(header(NOW, SECRET), BODY));
    }

    @Test
    void acceptsAnyV1AgainstAnyConfiguredSecretDuringARoll() {
        StripeSignature rolling = new StripeSignature(List.of(SECRET, OLD_SECRET), Duration.ofSeconds(300),
                Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC));
        String oldOnly = "t=" + NOW + ",v1=" + StripeSignature.sign(OLD_SECRET, NOW, BODY);
        String both = "t=" + NOW + ",v1=" + StripeSignature.sign("whsec_unknown", NOW, BODY) + ",v1="
                + StripeSignature.sign(OLD_SECRET, NOW, BODY);
        assertDoesNotThrow(() -> rolling.verify(oldOnly, BODY));
        assertDoesNotThrow(() -> rolling.verify(both, BODY));
        assertEquals("invalid-signature", reason(() -> signature.verify(oldOnly, BODY)));
    }

    @Test
    void ignoresAValidLookingV0Decoy() {
        String decoy = "t=" + NOW + ",v0=" + StripeSignature.sign(SECRET, NOW, BODY) + ",v1="
                + StripeSignature.sign("whsec_wrong", NOW, BODY);
        assertEquals("invalid-signature", reason(() -> signature.verify(decoy, BODY)));
        String onlyV0 = "t=" + NOW + ",v0=" + StripeSignature.sign(SECRET, NOW, BODY);
        assertEquals("malformed-signature", reason(() -> signature.verify(onlyV0, BODY)));
    }

    @Test
    void rejectsATamperedBody() {
        byte[] tampered = new String(BODY, StandardCharsets.UTF_8).replace("paid", "void").getBytes(StandardCharsets.UTF_8);
        assertEquals("invalid-signature", reason(() -> signature.verify(header(NOW, SECRET), tampered)));
    }

    @Test
    void rejectsTimestampsBeyondTheToleranceInBothDirections() {
        assertDoesNotThrow(() -> signature.verify(header(NOW - 300, SECRET), BODY));
        assertDoesNotThrow(() -> signature.verify(header(NOW + 300, SECRET), BODY));
        assertEquals("stale-signature", reason(() -> signature.verify(header(NOW - 301, SECRET), BODY)));
        assertEquals("future-signature", reason(() -> signature.verify(header(NOW + 301, SECRET), BODY)));
    }

    @Test
    void aSignatureForAnotherTimestampDoesNotVerify() {
        String replayed = "t=" + NOW + ",v1=" + StripeSignature.sign(SECRET, NOW - 10, BODY);
        assertEquals("invalid-signature", reason(() -> signature.verify(replayed, BODY)));
    }

    @Test
    void rejectsMissingAndMalformedHeaders() {
        assertEquals("missing-signature", reason(() -> signature.verify(null, BODY)));
        assertEquals("missing-signature", reason(() -> signature.verify("  ", BODY)));
        for (String malformed : List.of("garbage", "t=abc,v1=" + "0".repeat(64), "v1=" + "0".repeat(64),
                "t=" + NOW, "t=" + NOW + ",v1=xyz", "t=" + NOW + ",v1=" + "g".repeat(64),
                "t=" + NOW + ",t=" + NOW + ",v1=" + "0".repeat(64), "=,=")) {
            assertEquals("malformed-signature", reason(() -> signature.verify(malformed, BODY)), malformed);
        }
    }

    @Test
    void splitsConfiguredSecretsOnCommas() {
        assertEquals(List.of("whsec_a", "whsec_b"), HmacSha256.keys(" whsec_a , whsec_b,,"));
        assertThrows(IllegalArgumentException.class, () -> new StripeSignature(List.of(), Duration.ZERO, Clock.systemUTC()));
    }

    private static String header(long timestamp, String secret) {
        return "t=" + timestamp + ",v1=" + StripeSignature.sign(secret, timestamp, BODY);
    }

    private static String reason(Runnable verification) {
        WebhookRejected rejected = assertThrows(WebhookRejected.class, verification::run);
        assertEquals(400, rejected.status());
        return rejected.reason();
    }
}
