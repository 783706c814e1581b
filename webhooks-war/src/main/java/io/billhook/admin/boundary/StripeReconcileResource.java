package io.billhook.admin.boundary;

import io.billhook.ingest.boundary.WebhooksApplication;
import io.billhook.reconciliation.boundary.StripeReconciliation;
import io.billhook.reconciliation.entity.ReconcileReport;
import io.billhook.reconciliation.entity.ReconcileRequest;
import io.billhook.reconciliation.entity.UnknownCompany;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code /api/admin/stripe/reconcile}: the local subscription and invoice mirrors against Stripe's objects. */
@ApplicationScoped
@Path("api/admin/stripe/reconcile")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = WebhooksApplication.BASIC)
public class StripeReconcileResource {

    /** One company (none: every linked customer), the kinds ({@code subscriptions}, {@code invoices}; none: both). */
    public record ReconcileOrder(Long company, List<String> objects, Boolean repair) {
    }

    @Inject
    StripeReconciliation reconciliation;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Compare the local subscriptions and invoices with Stripe's, for one company or every linked"
            + " customer; with repair, apply Stripe's state by the freshness rules of events (a later local state stays)")
    @APIResponse(responseCode = "200", description = "what was compared, and every drift (repaired, kept or not)")
    @APIResponse(responseCode = "400", description = "an unknown kind of object")
    @APIResponse(responseCode = "404", description = "no such company")
    @APIResponse(responseCode = "409", description = "the Stripe API is not configured")
    @APIResponse(responseCode = "502", description = "Stripe's lists could not be read; nothing was repaired after that")
    public ReconcileReport reconcile(ReconcileOrder order) {
        ReconcileOrder asked = order == null ? new ReconcileOrder(null, List.of(), false) : order;
        ReconcileRequest request;
        try {
            request = new ReconcileRequest(asked.company(), ReconcileRequest.objects(asked.objects()),
                    Boolean.TRUE.equals(asked.repair()));
        } catch (IllegalArgumentException invalid) {
            throw new BadRequestException(invalid.getMessage());
        }
        try {
            return reconciliation.reconcile(request);
        } catch (UnknownCompany unknown) {
            throw new NotFoundException(unknown.getMessage());
        }
    }
}
