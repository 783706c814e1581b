package io.billhook.admin.boundary;

import io.billhook.dunning.boundary.DunningBoard;
import io.billhook.dunning.control.DunningPolicies;
import io.billhook.dunning.entity.DunningList;
import io.billhook.dunning.entity.DunningState;
import io.billhook.dunning.entity.Policy;
import io.billhook.dunning.entity.PolicyInvalid;
import io.billhook.ingest.boundary.WebhooksApplication;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code /api/admin/dunning}: the open cases with what is at stake, and the policy. */
@ApplicationScoped
@Path("api/admin/dunning")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = WebhooksApplication.BASIC)
public class DunningResource {

    @Inject
    DunningBoard board;

    @Inject
    DunningPolicies policies;

    @GET
    @Operation(summary = "The open dunning cases, most money first (pass nextCursor as cursor for the next page), with the"
            + " revenue at risk per currency and, over the last 30 days, what was recovered and the recovery rate")
    public DunningList list(@QueryParam("state") String state, @QueryParam("limit") Integer limit,
                            @QueryParam("cursor") String cursor) {
        DunningState wanted;
        try {
            wanted = state == null || state.isBlank() ? null : DunningState.valueOf(state.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("state must be one of grace, warning, restricted, suspended, final, not '" + state + "'");
        }
        try {
            return board.open(wanted, AdminQuery.limit(limit), cursor);
        } catch (IllegalArgumentException e) {
            throw new BadRequestException(e.getMessage());
        }
    }

    @GET
    @Path("policy")
    @Operation(summary = "The dunning policy new cases start with, as its document was read")
    public Response policy() {
        return Response.ok(policies.currentDocument(), MediaType.APPLICATION_JSON).build();
    }

    @POST
    @Path("policy/validation")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Check a policy document (the body) without using it: 200 with its version and steps, or 400 with"
            + " every reason it cannot be used")
    @APIResponse(responseCode = "200", description = "the document can be used: its version and how many steps it has")
    @APIResponse(responseCode = "400", description = "the document cannot be used; the detail names every reason")
    public JsonObject validate(String document) {
        try {
            Policy policy = Policy.parse(document == null ? "" : document);
            return Json.createObjectBuilder().add("valid", true).add("version", policy.version())
                    .add("steps", policy.steps().size()).build();
        } catch (PolicyInvalid invalid) {
            throw new BadRequestException(invalid.getMessage());
        }
    }
}
