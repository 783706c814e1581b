package io.billhook.ingest.control;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What the three providers' signature checks share: HMAC-SHA256 over a message made of parts, under any of
 * several keys (comma-separated while a key is rotated), compared in constant time.
 */
public final class HmacSha256 {

    private static final String ALGORITHM = "HmacSHA256";

    private final List<SecretKeySpec> keys;

    public HmacSha256(List<String> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one key is needed");
        }
        this.keys = keys.stream().map(HmacSha256::key).toList();
    }

    /** Splits a configured value like {@code new,old} into its keys. */
    public static List<String> keys(String configured) {
        List<String> keys = new ArrayList<>();
        for (String key : configured.split(",")) {
            if (!key.isBlank()) {
                keys.add(key.trim());
            }
        }
        return keys;
    }

    /** Whether one of {@code offered} is the HMAC of the parts under one of the keys. */
    public boolean matchesAny(List<byte[]> offered, byte[]... parts) {
        for (SecretKeySpec key : keys) {
            byte[] expected = mac(key, parts);
            for (byte[] candidate : offered) {
                if (MessageDigest.isEqual(expected, candidate)) {
                    return true;
                }
            }
        }
        return false;
    }

    public static byte[] of(String key, byte[]... parts) {
        return mac(key(key), parts);
    }

    private static SecretKeySpec key(String key) {
        return new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    private static byte[] mac(SecretKeySpec key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
