package io.billhook.problems.boundary;

import io.billhook.inbox.entity.InboxUnavailable;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Nothing was stored: 503 tells the provider to deliver again later. */
@Provider
public class InboxUnavailableMapper implements ExceptionMapper<InboxUnavailable> {

    @Override
    public Response toResponse(InboxUnavailable unavailable) {
        return Problem.of(503, "unavailable", "Webhook not stored", unavailable.getMessage() + "; deliver it again later")
                .response()
                .header(HttpHeaders.RETRY_AFTER, 10)
                .build();
    }
}
