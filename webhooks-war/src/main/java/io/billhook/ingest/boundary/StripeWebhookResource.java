package io.billhook.ingest.boundary;

import io.billhook.handling.entity.Provider;
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

/**
 * {@code POST /webhooks/stripe}: verify the signature over the raw bytes, read only id and type,
 * store the event durably, and only then answer 200. Processing happens later, from the queue.
 */
@ApplicationScoped
@Path("webhooks/stripe")
public class StripeWebhookResource {

    @Inject
    WebhookSettings settings;

    @Inject
    WebhookReception reception;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@HeaderParam("Stripe-Signature") String signature, @Context HttpHeaders headers,
                            @Context HttpServletRequest request, InputStream body) {
        return reception.receive(Provider.STRIPE, settings.verifier(Provider.STRIPE), signature, headers, request, body);
    }

    /**
     * {@code POST /webhooks/stripe/thin}: thin events of a Stripe event destination, signed alike but with the
     * destination's own secret ({@code STRIPE_THIN_WEBHOOK_SECRET}), stored under the same event ids; what they
     * stand for is fetched from the Stripe API when they are processed.
     */
    @POST
    @Path("thin")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receiveThin(@HeaderParam("Stripe-Signature") String signature, @Context HttpHeaders headers,
                                @Context HttpServletRequest request, InputStream body) {
        return reception.receive(Provider.STRIPE, settings.thinVerifier(), signature, headers, request, body);
    }
}
