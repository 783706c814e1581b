package io.billhook.ingest.boundary;

import io.billhook.ingest.control.CorrelationId;
import io.billhook.ingest.control.RawBody;
import io.billhook.ingest.control.WebhookRejected;
import io.billhook.webhooks.boundary.Inbox;
import io.billhook.webhooks.boundary.WebhookEventLogger;
import io.billhook.webhooks.entity.IncomingEvent;
import io.billhook.webhooks.entity.Provider;
import io.billhook.webhooks.entity.Receipt;
import io.billhook.webhooks.entity.Rejection;
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
    WebhookEventLogger logger;

    @Inject
    @ConfigProperty(name = "BILLHOOK_WEBHOOK_MAX_BYTES", defaultValue = "1048576")
    long maxBytes;

    /** Verifies the raw body and reads the event it carries; throws {@link WebhookRejected} for anything else. */
    @FunctionalInterface
    public interface Reader {
        IncomingEvent read(byte[] body, String correlationId);
    }

    public Response receive(Provider provider, HttpHeaders headers, HttpServletRequest request, InputStream body,
                            Reader reader) {
        String correlationId = (String) request.getAttribute(CorrelationId.PROPERTY);
        byte[] bytes = null;
        try {
            RawBody.requireJson(headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
            bytes = RawBody.read(body, request.getContentLengthLong(), maxBytes);
            Receipt receipt = inbox.store(reader.read(bytes, correlationId));
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
            logger.rejected(rejection);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not record a rejected webhook: {0}", e.getMessage());
        }
    }

    public record Acknowledgement(long id, boolean duplicate) {
    }
}
