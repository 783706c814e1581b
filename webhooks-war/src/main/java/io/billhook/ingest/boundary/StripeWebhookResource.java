package io.billhook.ingest.boundary;

import io.billhook.ingest.control.StripeEnvelope;
import io.billhook.ingest.control.StripeSignature;
import io.billhook.webhooks.entity.InboxUnavailable;
import io.billhook.webhooks.entity.IncomingEvent;
import io.billhook.webhooks.entity.Provider;
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
import java.nio.charset.StandardCharsets;

/**
 * {@code POST /webhooks/stripe}: verify the signature over the raw bytes, read only id and type,
 * store the event durably, and only then answer 200. Processing happens later, from the queue.
 */
@ApplicationScoped
@Path("webhooks/stripe")
public class StripeWebhookResource {

    @Inject
    StripeWebhookSettings settings;

    @Inject
    WebhookReception reception;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@HeaderParam("Stripe-Signature") String signatureHeader, @Context HttpHeaders headers,
                            @Context HttpServletRequest request, InputStream body) {
        StripeSignature signature = settings.signature()
                .orElseThrow(() -> new InboxUnavailable("the Stripe webhook secret is not configured"));
        return reception.receive(Provider.STRIPE, headers, request, body, (bytes, correlationId) -> {
            signature.verify(signatureHeader, bytes);
            StripeEnvelope envelope = StripeEnvelope.read(bytes);
            return new IncomingEvent(Provider.STRIPE, envelope.id(), envelope.type(), envelope.apiVersion(),
                    new String(bytes, StandardCharsets.UTF_8), correlationId);
        });
    }
}
