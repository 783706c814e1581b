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
 * {@code POST /webhooks/calcom}: Cal.com booking events, signed with the webhook secret; the high lane. Cal.com
 * does not retry: what is not stored here is gone, which is why nothing is acknowledged before the commit.
 */
@ApplicationScoped
@Path("webhooks/calcom")
public class CalcomWebhookResource {

    @Inject
    WebhookSettings settings;

    @Inject
    WebhookReception reception;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@HeaderParam("X-Cal-Signature-256") String signature, @Context HttpHeaders headers,
                            @Context HttpServletRequest request, InputStream body) {
        return reception.receive(Provider.CALCOM, settings.verifier(Provider.CALCOM), signature, headers, request, body);
    }
}
