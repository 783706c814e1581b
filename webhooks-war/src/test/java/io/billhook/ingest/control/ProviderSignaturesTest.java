package io.billhook.ingest.control;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Retell's and Cal.com's schemes, checked against the test vectors their documentation gives. */
class ProviderSignaturesTest {

    private static final byte[] RETELL_BODY = "{\"event\":\"call_ended\"}".getBytes(StandardCharsets.UTF_8);
    private static final String RETELL_VECTOR = "v=1700000000000,d=07024cabe7dd8f6d1c6e4a8324ca92c812e6ad4a7ee506c04f7e462e3321823e";
    private static final byte[] CALCOM_BODY = ("{\"triggerEvent\":\"BOOKING_CREATED\",\"createdAt\":\"2026-01-01T00:00:00.000Z\","
            + "\"payload\":{\"uid\":\"abc\"}}").getBytes(StandardCharsets.UTF_8);
    private static final String CALCOM_VECTOR = "04e6a96050d159b1701ebb2c58b3b33930735cb4230cd7aab86d66f70938a44c";

    private static RetellSignature retellAt(long millis, String... keys) {
        return new RetellSignature(List.of(keys), Duration.ofMinutes(5), Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
    }

    private static String reason(Runnable check) {
        return assertThrows(WebhookRejected.class, check::run).reason();
    }

    @Test
    void retellsTestVectorIsAccepted() {
        assertEquals(RETELL_VECTOR, RetellSignature.sign("test-api-key", 1_700_000_000_000L, RETELL_BODY));
        assertDoesNotThrow(() -> retellAt(1_700_000_000_000L, "other-key", "test-api-key").verify(RETELL_VECTOR, RETELL_BODY));
    }

    @Test
    void retellRefusesTamperingWrongKeysAndOldOrFutureTimestamps() {
        assertEquals("invalid-signature", reason(() -> retellAt(1_700_000_000_000L, "test-api-key")
                .verify(RETELL_VECTOR, "{\"event\":\"call_started\"}".getBytes(StandardCharsets.UTF_8))));
        assertEquals("invalid-signature", reason(() -> retellAt(1_700_000_000_000L, "wrong").verify(RETELL_VECTOR, RETELL_BODY)));
        assertEquals("stale-signature", reason(() -> retellAt(1_700_000_300_001L, "test-api-key").verify(RETELL_VECTOR, RETELL_BODY)));
        assertEquals("future-signature", reason(() -> retellAt(1_699_999_699_999L, "test-api-key").verify(RETELL_VECTOR, RETELL_BODY)));
        assertDoesNotThrow(() -> retellAt(1_700_000_300_000L, "test-api-key").verify(RETELL_VECTOR, RETELL_BODY));
        assertEquals("missing-signature", reason(() -> retellAt(1_700_000_000_000L, "k").verify(null, RETELL_BODY)));
        assertEquals("malformed-signature", reason(() -> retellAt(1_700_000_000_000L, "k").verify("d=abc", RETELL_BODY)));
    }

    @Test
    void calcomsTestVectorIsAccepted() {
        assertEquals(CALCOM_VECTOR, CalcomSignature.sign("test-secret", CALCOM_BODY));
        assertDoesNotThrow(() -> new CalcomSignature(List.of("old", "test-secret")).verify(CALCOM_VECTOR, CALCOM_BODY));
        assertDoesNotThrow(() -> new CalcomSignature(List.of("test-secret")).verify(CALCOM_VECTOR.toUpperCase(), CALCOM_BODY));
    }

    @Test
    void calcomRefusesUnsignedTamperedAndMalformed() {
        CalcomSignature signature = new CalcomSignature(List.of("test-secret"));
        assertEquals("unsigned", reason(() -> signature.verify("no-secret-provided", CALCOM_BODY)));
        assertEquals("invalid-signature", reason(() -> signature.verify(CALCOM_VECTOR, "{}".getBytes(StandardCharsets.UTF_8))));
        assertEquals("malformed-signature", reason(() -> signature.verify("sha256=" + CALCOM_VECTOR, CALCOM_BODY)));
        assertEquals("missing-signature", reason(() -> signature.verify(" ", CALCOM_BODY)));
    }

    @Test
    void envelopesNameEachDeliveryWithoutAnEventId() {
        assertEquals(new ProviderEnvelopes.Envelope("call_1:call_ended", "call_ended"), ProviderEnvelopes.retell(
                "{\"event\":\"call_ended\",\"call\":{\"call_id\":\"call_1\"}}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(new ProviderEnvelopes.Envelope("BOOKING_CREATED:abc:2026-01-01T00:00:00.000Z", "BOOKING_CREATED"),
                ProviderEnvelopes.calcom(CALCOM_BODY));
        ProviderEnvelopes.Envelope flat = ProviderEnvelopes.calcom(
                "{\"triggerEvent\":\"MEETING_ENDED\",\"uid\":\"abc\",\"createdAt\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals("MEETING_ENDED:abc:x", flat.id());
        assertTrue(ProviderEnvelopes.calcom("{\"triggerEvent\":\"PING\"}".getBytes(StandardCharsets.UTF_8)).id().startsWith("sha256:"));
        assertEquals("invalid-event", reason(() -> ProviderEnvelopes.retell("{\"event\":\"call_ended\"}".getBytes(StandardCharsets.UTF_8))));
        assertEquals("invalid-event", reason(() -> ProviderEnvelopes.calcom("[1]".getBytes(StandardCharsets.UTF_8))));
        byte[] deep = ("{\"triggerEvent\":\"X\",\"payload\":" + "[".repeat(50_000) + "]".repeat(50_000) + "}")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals("invalid-event", reason(() -> ProviderEnvelopes.calcom(deep)), "nested too deeply is invalid, not a crash");
        assertEquals("invalid-event", reason(() -> StripeEnvelope.read(("{\"id\":\"evt\",\"object\":\"event\",\"data\":"
                + "[".repeat(50_000) + "]".repeat(50_000) + "}").getBytes(StandardCharsets.UTF_8))));
    }
}
