package io.billhook.ingest.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Cal.com's {@code X-Cal-Signature-256}: hex HMAC-SHA256 of the raw body under the webhook secret, no prefix and
 * no timestamp (so there is no replay window: deliveries are deduplicated instead). A webhook without a secret
 * sends the literal {@code no-secret-provided}, which is refused.
 */
public final class CalcomSignature {

    static final String UNSIGNED = "no-secret-provided";

    private final List<SecretKeySpec> secrets;

    public CalcomSignature(List<String> secrets) {
        this.secrets = secrets.stream()
                .map(secret -> new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256")).toList();
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
        byte[] offered = HexFormat.of().parseHex(value.toLowerCase());
        for (SecretKeySpec secret : secrets) {
            if (MessageDigest.isEqual(hmac(secret, body), offered)) {
                return;
            }
        }
        throw WebhookRejected.badRequest("invalid-signature", "the signature matches the body with no configured Cal.com secret");
    }

    public static String sign(String secret, byte[] body) {
        return HexFormat.of().formatHex(hmac(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"), body));
    }

    private static byte[] hmac(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
