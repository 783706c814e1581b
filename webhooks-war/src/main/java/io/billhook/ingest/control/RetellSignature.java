package io.billhook.ingest.control;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Retell's {@code x-retell-signature: v=<unix ms>,d=<hex>}: HMAC-SHA256 under the Retell API key over the raw
 * body followed by the decimal {@code v}, no separator; {@code v} within the tolerance of now. Any configured
 * key may match (comma-separated while keys are rotated).
 */
public final class RetellSignature {

    private static final Pattern HEADER = Pattern.compile("v=(\\d{1,15}),d=([0-9a-fA-F]{64})");

    private final HmacSha256 keys;
    private final Duration tolerance;
    private final Clock clock;

    public RetellSignature(List<String> keys, Duration tolerance, Clock clock) {
        this.keys = new HmacSha256(keys);
        this.tolerance = tolerance;
        this.clock = clock;
    }

    public void verify(String header, byte[] body) {
        if (header == null || header.isBlank()) {
            throw WebhookRejected.badRequest("missing-signature", "the x-retell-signature header is missing");
        }
        Matcher parsed = HEADER.matcher(header.trim());
        if (!parsed.matches()) {
            throw WebhookRejected.badRequest("malformed-signature", "x-retell-signature is not v=<unix ms>,d=<64 hex digits>");
        }
        long timestamp = Long.parseLong(parsed.group(1));
        long skew = clock.millis() - timestamp;
        if (skew > tolerance.toMillis()) {
            throw WebhookRejected.badRequest("stale-signature", "the signature is " + skew / 1000 + " s old, more than the "
                    + tolerance.toSeconds() + " s tolerance");
        }
        if (-skew > tolerance.toMillis()) {
            throw WebhookRejected.badRequest("future-signature", "the signature is " + -skew / 1000
                    + " s in the future, more than the " + tolerance.toSeconds() + " s tolerance");
        }
        byte[] offered = HexFormat.of().parseHex(parsed.group(2).toLowerCase());
        if (keys.matchesAny(List.of(offered), body, parsed.group(1).getBytes(StandardCharsets.US_ASCII))) {
            return;
        }
        throw WebhookRejected.badRequest("invalid-signature", "the signature matches the body with no configured Retell key");
    }

    /** Signs like Retell does; used to document and test the scheme. */
    public static String sign(String key, long timestampMillis, byte[] body) {
        return "v=" + timestampMillis + ",d=" + HexFormat.of().formatHex(
                HmacSha256.of(key, body, Long.toString(timestampMillis).getBytes(StandardCharsets.US_ASCII)));
    }
}
