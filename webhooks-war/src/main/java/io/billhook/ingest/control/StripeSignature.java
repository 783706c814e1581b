package io.billhook.ingest.control;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Stripe's webhook signature: {@code Stripe-Signature: t=<unix s>,v1=<hex>[,v1=…][,v0=…]}, where
 * v1 = HMAC-SHA256(secret, t + "." + raw body). Any v1 may match any active secret (secrets are rolled
 * with an overlap); v0 is a test-mode decoy and ignored. The timestamp must lie within the tolerance
 * on either side of now: a replayed old request and a forged future one are both refused.
 */
public final class StripeSignature {

    private static final String ALGORITHM = "HmacSHA256";
    private static final HexFormat HEX = HexFormat.of();

    private final List<SecretKeySpec> secrets;
    private final Duration tolerance;
    private final Clock clock;

    public StripeSignature(List<String> secrets, Duration tolerance, Clock clock) {
        if (secrets.isEmpty()) {
            throw new IllegalArgumentException("at least one webhook secret is needed");
        }
        this.secrets = secrets.stream()
                .map(secret -> new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM))
                .toList();
        this.tolerance = tolerance;
        this.clock = clock;
    }

    /** Splits a configured value like {@code whsec_new,whsec_old} into its secrets. */
    public static List<String> secrets(String configured) {
        List<String> secrets = new ArrayList<>();
        for (String secret : configured.split(",")) {
            if (!secret.isBlank()) {
                secrets.add(secret.trim());
            }
        }
        return secrets;
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
        byte[] prefix = (parsed.timestamp + ".").getBytes(StandardCharsets.US_ASCII);
        for (SecretKeySpec secret : secrets) {
            byte[] expected = hmac(secret, prefix, body);
            for (byte[] candidate : parsed.v1) {
                if (MessageDigest.isEqual(expected, candidate)) {
                    return;
                }
            }
        }
        throw WebhookRejected.badRequest("invalid-signature", "no v1 signature matches the body with any configured secret");
    }

    /** Signs like Stripe does; used to document and test the scheme. */
    public static String sign(String secret, long timestamp, byte[] body) {
        SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        return HEX.formatHex(hmac(key, (timestamp + ".").getBytes(StandardCharsets.US_ASCII), body));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] prefix, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(prefix);
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
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
