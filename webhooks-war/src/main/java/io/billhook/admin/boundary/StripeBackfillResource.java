package io.billhook.admin.boundary;

import io.billhook.backfill.boundary.StripeBackfill;
import io.billhook.backfill.entity.BackfillRequest;
import io.billhook.backfill.entity.BackfillRun;
import io.billhook.backfill.entity.MissingEvents;
import io.billhook.ingest.boundary.WebhooksApplication;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.sql.SQLException;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code /api/admin/stripe/backfill}: fetching from Stripe's Events API what never arrived by webhook. */
@ApplicationScoped
@Path("api/admin/stripe/backfill")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = WebhooksApplication.BASIC)
public class StripeBackfillResource {

    /**
     * A backfill as asked for: {@code since} an ISO-8601 instant or a look-back ({@code 72h}, at most 30 days),
     * {@code types} exact or families ({@code invoice.*}; none: every type), only the events Stripe could not
     * deliver, and a dry run that lists what is missing and stores nothing.
     */
    public record BackfillOrder(String since, List<String> types, Boolean undeliveredOnly, Boolean dryRun) {
    }

    /** The last runs, newest first. */
    public record BackfillRuns(List<BackfillRun> items) {
    }

    @Inject
    StripeBackfill backfill;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Start a backfill from Stripe's Events API (202, paged in the background), or with dryRun"
            + " list what is missing (200) and store nothing")
    @APIResponse(responseCode = "202", description = "the run, started; its Location tells how far it is")
    @APIResponse(responseCode = "200", description = "a dry run: the events Stripe has that are not stored here")
    @APIResponse(responseCode = "400", description = "since missing, in the future or older than 30 days; a bad type")
    @APIResponse(responseCode = "409", description = "the Stripe API is not configured")
    @APIResponse(responseCode = "502", description = "a dry run could not read Stripe's Events API")
    public Response start(BackfillOrder order, @Context UriInfo uri) throws SQLException {
        if (order == null) {
            throw new BadRequestException("a backfill needs a body such as {\"since\": \"72h\"}");
        }
        BackfillRequest request;
        try {
            request = new BackfillRequest(AdminQuery.since(order.since()), order.types(),
                    Boolean.TRUE.equals(order.undeliveredOnly()));
        } catch (IllegalArgumentException invalid) {
            throw new BadRequestException(invalid.getMessage());
        }
        if (Boolean.TRUE.equals(order.dryRun())) {
            MissingEvents missing = backfill.dryRun(request);
            return Response.ok(missing).build();
        }
        BackfillRun run = backfill.start(request);
        return Response.accepted(run).location(uri.getAbsolutePathBuilder().path(Long.toString(run.id())).build()).build();
    }

    @GET
    @Operation(summary = "The last 20 backfills, newest first")
    public BackfillRuns recent() throws SQLException {
        return new BackfillRuns(backfill.recent(20));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One backfill: how far it is, what it stored by type, and what was stored already")
    public BackfillRun show(@PathParam("id") long id) throws SQLException {
        return backfill.find(id).orElseThrow(() -> new NotFoundException("no backfill " + id));
    }
}
