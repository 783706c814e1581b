package io.billhook.ingest.boundary;

import io.billhook.ingest.control.CorrelationId;
import io.billhook.ingest.control.RawBody;
import io.billhook.ingest.control.StripeEnvelope;
import io.billhook.ingest.control.StripeSignature;
import io.billhook.ingest.control.WebhookRejected;
import io.billhook.webhooks.boundary.Inbox;
import io.billhook.webhooks.boundary.WebhookEventLogger;
import io.billhook.webhooks.entity.IncomingEvent;
import io.billhook.webhooks.entity.InboxUnavailable;
import io.billhook.webhooks.entity.Provider;
import io.billhook.webhooks.entity.Receipt;
import io.billhook.webhooks.entity.Rejection;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /webhooks/stripe}: verify the signature over the raw bytes, read only id and type,
 * store the event durably, and only then answer 200. Processing happens later, from the queue.
 */
@ApplicationScoped
@Path("webhooks/stripe")
public class StripeWebhookResource {

    private static final System.Logger LOG = System.getLogger(StripeWebhookResource.class.getName());

    @Inject
    StripeWebhookSettings settings;

    @Inject
    Inbox inbox;

    @Inject
    WebhookEventLogger logger;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@HeaderParam("Stripe-Signature") String signatureHeader, @Context HttpHeaders headers,
                            @Context HttpServletRequest request, InputStream body) {
        StripeSignature signature = settings.signature()
                .orElseThrow(() -> new InboxUnavailable("the Stripe webhook secret is not configured"));
        String correlationId = (String) request.getAttribute(CorrelationId.PROPERTY);
        byte[] bytes = null;
        try {
            RawBody.requireJson(headers.getHeaderString(HttpHeaders.CONTENT_TYPE));
            bytes = RawBody.read(body, request.getContentLengthLong(), settings.maxBytes());
            signature.verify(signatureHeader, bytes);
            StripeEnvelope envelope = StripeEnvelope.read(bytes);
            Receipt receipt = inbox.store(new IncomingEvent(Provider.STRIPE, envelope.id(), envelope.type(),
                    envelope.apiVersion(), new String(bytes, StandardCharsets.UTF_8), correlationId));
            return Response.ok(new Acknowledgement(receipt.id(), receipt.duplicate())).build();
        } catch (WebhookRejected rejected) {
            long size = bytes != null ? bytes.length : Math.max(request.getContentLengthLong(), 0);
            record(new Rejection(Provider.STRIPE, rejected.reason(), rejected.status(), size, request.getRemoteAddr(),
                    correlationId));
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
