package io.billhook.ingest.boundary;

import io.billhook.ingest.control.ProviderEnvelopes;
import io.billhook.ingest.control.RetellSignature;
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

/** {@code POST /webhooks/retell}: AI phone call events, signed with the Retell API key; the high lane. */
@ApplicationScoped
@Path("webhooks/retell")
public class RetellWebhookResource {

    @Inject
    ProviderWebhookSettings settings;

    @Inject
    WebhookReception reception;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public Response receive(@HeaderParam("x-retell-signature") String signatureHeader, @Context HttpHeaders headers,
                            @Context HttpServletRequest request, InputStream body) {
        RetellSignature signature = settings.retell()
                .orElseThrow(() -> new InboxUnavailable("the Retell API key is not configured"));
        return reception.receive(Provider.RETELL, headers, request, body, (bytes, correlationId) -> {
            signature.verify(signatureHeader, bytes);
            ProviderEnvelopes.Envelope envelope = ProviderEnvelopes.retell(bytes);
            return new IncomingEvent(Provider.RETELL, envelope.id(), envelope.type(), null,
                    new String(bytes, StandardCharsets.UTF_8), correlationId);
        });
    }
}
