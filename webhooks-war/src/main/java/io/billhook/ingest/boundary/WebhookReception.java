package io.billhook.ingest.boundary;

import io.billhook.handling.entity.Provider;
import io.billhook.inbox.boundary.Inbox;
import io.billhook.inbox.boundary.Rejections;
import io.billhook.inbox.entity.IncomingEvent;
import io.billhook.inbox.entity.Receipt;
import io.billhook.inbox.entity.Rejection;
import io.billhook.ingest.control.CorrelationId;
import io.billhook.ingest.control.RawBody;
import io.billhook.ingest.control.WebhookRejected;
import io.billhook.ingest.control.WebhookVerifier;
import io.billhook.ingest.control.WebhookVerifier.Verified;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The one path every provider's webhook takes: raw bytes (JSON, bounded), the provider's own check and
 * reading, a durable row, and only then 200. A refusal is recorded and answered as a problem; nothing that
 * was not stored is ever acknowledged.
 */
@ApplicationScoped
public class WebhookReception {

    private static final System.Logger LOG = System.getLogger(WebhookReception.class.getName());

    @Inject
    Inbox inbox;

    @Inject
    Rejections rejections;

    @Inject
    @ConfigProperty(name = "BILLHOOK_WEBHOOK_MAX_BYTES", defaultValue = "1048576")
    long maxBytes;

    public Response receive(Provider provider, WebhookVerifier verifier, String signatureHeader, HttpHeaders headers,
                            HttpServletRequest request, InputStream body) {
        String correlationId = (String) request.getAttribute(CorrelationId.PROPERTY);
        byte[] bytes = null;
        try {
            RawBody.requireJson(headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
            bytes = RawBody.read(body, request.getContentLengthLong(), maxBytes);
            Verified verified = verifier.verify(signatureHeader, bytes);
            Receipt receipt = inbox.store(new IncomingEvent(provider, verified.id(), verified.type(), verified.apiVersion(),
                    RawBody.utf8(bytes), correlationId));
            return Response.ok(new Acknowledgement(receipt.id(), receipt.duplicate())).build();
        } catch (WebhookRejected rejected) {
            long size = bytes != null ? bytes.length : Math.max(request.getContentLengthLong(), 0);
            record(new Rejection(provider, rejected.reason(), rejected.status(), size, request.getRemoteAddr(), correlationId));
            throw rejected;
        }
    }

    /** The refusal stands even when it cannot be recorded (the database may be the thing that is down). */
    private void record(Rejection rejection) {
        try {
            rejections.record(rejection);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record a rejected webhook: {0}", e.getMessage());
        }
    }

    public record Acknowledgement(long id, boolean duplicate) {
    }
}
