package io.billhook.ingest.control;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Stripe's webhook signature: {@code Stripe-Signature: t=<unix s>,v1=<hex>[,v1=…][,v0=…]}, where
 * v1 = HMAC-SHA256(secret, t + "." + raw body). Any v1 may match any active secret (secrets are rolled
 * with an overlap); v0 is a test-mode decoy and ignored. The timestamp must lie within the tolerance
 * on either side of now: a replayed old request and a forged future one are both refused.
 */
public final class StripeSignature {

    private static final HexFormat HEX = HexFormat.of();

    private final HmacSha256 secrets;
    private final Duration tolerance;
    private final Clock clock;

    public StripeSignature(List<String> secrets, Duration tolerance, Clock clock) {
        this.secrets = new HmacSha256(secrets);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    public void verify(String header, byte[] body) {
        if (header == null || header.isBlank()) {
            throw WebhookRejected.badRequest("missing-signature", "the Stripe-Signature header is missing");
        }
        Header parsed = Header.parse(header);
        long skew = clock.millis() / 1000 - parsed.timestamp;
        if (skew > tolerance.toSeconds()) {
            throw WebhookRejected.badRequest("stale-signature",
                    "the signature timestamp is " + skew + " s old, more than the " + tolerance.toSeconds() + " s tolerance");
        }
        if (-skew > tolerance.toSeconds()) {
            throw WebhookRejected.badRequest("future-signature",
                    "the signature timestamp is " + -skew + " s in the future, more than the " + tolerance.toSeconds() + " s tolerance");
        }
        if (secrets.matchesAny(parsed.v1, (parsed.timestamp + ".").getBytes(StandardCharsets.US_ASCII), body)) {
            return;
        }
        throw WebhookRejected.badRequest("invalid-signature", "no v1 signature matches the body with any configured secret");
    }

    /** Signs like Stripe does; used to document and test the scheme. */
    public static String sign(String secret, long timestamp, byte[] body) {
        return HEX.formatHex(HmacSha256.of(secret, (timestamp + ".").getBytes(StandardCharsets.US_ASCII), body));
    }

    private record Header(long timestamp, List<byte[]> v1) {

        static Header parse(String header) {
            Long timestamp = null;
            List<byte[]> v1 = new ArrayList<>();
            for (String element : header.split(",")) {
                int eq = element.indexOf('=');
                if (eq <= 0) {
                    throw malformed("element '" + abbreviate(element) + "' is not key=value");
                }
                String key = element.substring(0, eq).trim();
                String value = element.substring(eq + 1).trim();
                if (key.equals("t")) {
                    if (timestamp != null) {
                        throw malformed("more than one timestamp");
                    }
                    timestamp = parseTimestamp(value);
                } else if (key.equals("v1")) {
                    v1.add(parseHex(value));
                }
                // v0 and schemes added later are ignored, as Stripe's own libraries do
            }
            if (timestamp == null) {
                throw malformed("no timestamp (t=)");
            }
            if (v1.isEmpty()) {
                throw malformed("no v1 signature");
            }
            return new Header(timestamp, v1);
        }

        private static long parseTimestamp(String value) {
            try {
                return Long.parseLong(value);
            } catch (NumberFormatException e) {
                throw malformed("timestamp '" + abbreviate(value) + "' is not a number");
            }
        }

        private static byte[] parseHex(String value) {
            if (value.length() != 64) {
                throw malformed("a v1 signature must be 64 hex digits");
            }
            try {
                return HEX.parseHex(value);
            } catch (IllegalArgumentException e) {
                throw malformed("a v1 signature is not hex");
            }
        }

        private static WebhookRejected malformed(String detail) {
            return WebhookRejected.badRequest("malformed-signature", "malformed Stripe-Signature header: " + detail);
        }

        private static String abbreviate(String text) {
            return text.length() <= 20 ? text : text.substring(0, 20) + "…";
        }
    }
}
