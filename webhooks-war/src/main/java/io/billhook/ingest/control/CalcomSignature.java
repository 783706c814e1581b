package io.billhook.ingest.control;

import java.util.HexFormat;
import java.util.List;

/**
 * Cal.com's {@code X-Cal-Signature-256}: hex HMAC-SHA256 of the raw body under the webhook secret, no prefix and
 * no timestamp (so there is no replay window: deliveries are deduplicated instead). A webhook without a secret
 * sends the literal {@code no-secret-provided}, which is refused.
 */
public final class CalcomSignature {

    static final String UNSIGNED = "no-secret-provided";

    private final HmacSha256 secrets;

    public CalcomSignature(List<String> secrets) {
        this.secrets = new HmacSha256(secrets);
    }

    public void verify(String header, byte[] body) {
        if (header == null || header.isBlank()) {
            throw WebhookRejected.badRequest("missing-signature", "the X-Cal-Signature-256 header is missing");
        }
        String value = header.trim();
        if (UNSIGNED.equals(value)) {
            throw WebhookRejected.badRequest("unsigned", "the Cal.com webhook has no secret (it sent " + UNSIGNED
                    + "): set the secret on the webhook in Cal.com");
        }
        if (!value.matches("[0-9a-fA-F]{64}")) {
            throw WebhookRejected.badRequest("malformed-signature", "X-Cal-Signature-256 is not 64 hex digits");
        }
        if (secrets.matchesAny(List.of(HexFormat.of().parseHex(value.toLowerCase())), body)) {
            return;
        }
        throw WebhookRejected.badRequest("invalid-signature", "the signature matches the body with no configured Cal.com secret");
    }

    public static String sign(String secret, byte[] body) {
        return HexFormat.of().formatHex(HmacSha256.of(secret, body));
    }
}
