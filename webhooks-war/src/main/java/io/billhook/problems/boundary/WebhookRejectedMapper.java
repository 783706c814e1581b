package io.billhook.problems.boundary;

import io.billhook.ingest.control.WebhookRejected;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class WebhookRejectedMapper implements ExceptionMapper<WebhookRejected> {

    @Override
    public Response toResponse(WebhookRejected rejected) {
        String title = switch (rejected.status()) {
            case 413 -> "Payload too large";
            case 415 -> "Unsupported media type";
            default -> rejected.reason().endsWith("signature") ? "Signature verification failed" : "Invalid webhook";
        };
        return Problem.of(rejected.status(), rejected.reason(), title, rejected.getMessage()).response().build();
    }
}
