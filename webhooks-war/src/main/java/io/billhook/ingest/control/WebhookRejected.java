package io.billhook.ingest.control;

/**
 * A delivery refused before anything was stored; {@code reason} is a short stable key, {@code detail} says why. An
 * answer, not a fault: it has no stack trace, which a flood of forged requests would otherwise pay for each time.
 */
public class WebhookRejected extends RuntimeException {

    private final int status;
    private final String reason;

    public WebhookRejected(int status, String reason, String detail) {
        super(detail, null, false, false);
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
