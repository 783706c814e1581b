package io.billhook.ingest.control;

/** A delivery refused before anything was stored; {@code reason} is a short stable key, {@code detail} says why. */
public class WebhookRejected extends RuntimeException {

    private final int status;
    private final String reason;

    public WebhookRejected(int status, String reason, String detail) {
        super(detail);
        this.status = status;
        this.reason = reason;
    }

    public static WebhookRejected badRequest(String reason, String detail) {
        return new WebhookRejected(400, reason, detail);
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }
}
