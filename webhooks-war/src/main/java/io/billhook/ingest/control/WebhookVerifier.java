package io.billhook.ingest.control;

/**
 * A provider's check of a delivery: its signature over the raw body, then the few fields the inbox needs.
 * Throws {@link WebhookRejected} for anything it refuses.
 */
@FunctionalInterface
public interface WebhookVerifier {

    Verified verify(String signatureHeader, byte[] body);

    /** What the inbox stores besides the body: the provider's event id, the type, and Stripe's API version. */
    record Verified(String id, String type, String apiVersion) {
    }
}
