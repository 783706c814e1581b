package io.billhook.admin.boundary;

import io.billhook.calls.boundary.RetellReconciliation;
import io.billhook.calls.entity.CallReconciliation;
import io.billhook.ingest.boundary.WebhooksApplication;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code /api/admin/retell/reconcile}: the calls Retell has that no webhook brought. */
@ApplicationScoped
@Path("api/admin/retell/reconcile")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = WebhooksApplication.BASIC)
public class RetellReconcileResource {

    /** {@code since}: an ISO-8601 instant or a look-back ({@code 7d}). */
    public record CallsOrder(String since) {
    }

    @Inject
    RetellReconciliation reconciliation;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "List Retell's calls started since a moment and store, as their webhooks would have been, the"
            + " events of every ended call not stored yet (each applied once: a call record and its usage)")
    @APIResponse(responseCode = "200", description = "what was listed and stored")
    @APIResponse(responseCode = "400", description = "since missing or in the future")
    @APIResponse(responseCode = "409", description = "the Retell API is not configured")
    @APIResponse(responseCode = "502", description = "Retell's list of calls could not be read; what was stored stays")
    public CallReconciliation reconcile(CallsOrder order) {
        if (order == null || order.since() == null) {
            throw new BadRequestException("a reconciliation of calls needs a body such as {\"since\": \"7d\"}");
        }
        Instant since = AdminQuery.since(order.since());
        if (since.isAfter(Instant.now())) {
            throw new BadRequestException("since " + order.since() + " is in the future");
        }
        return reconciliation.reconcile(since);
    }
}
