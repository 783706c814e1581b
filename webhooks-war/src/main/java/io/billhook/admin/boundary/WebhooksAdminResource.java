package io.billhook.admin.boundary;

import io.billhook.inbox.entity.WebhookFilter;
import io.billhook.ingest.boundary.WebhooksApplication;
import io.billhook.operations.boundary.WebhookAdministration;
import io.billhook.operations.entity.RetryPreview;
import io.billhook.operations.entity.RetryReport;
import io.billhook.operations.entity.UnknownWebhookEvent;
import io.billhook.operations.entity.WebhookDetail;
import io.billhook.operations.entity.WebhookPage;
import io.billhook.operations.entity.WebhookSummary;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code /api/admin/webhooks}: the stored events, one event with its attempts, and retries. */
@ApplicationScoped
@Path("api/admin/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = WebhooksApplication.BASIC)
public class WebhooksAdminResource {

    @Inject
    WebhookAdministration administration;

    @GET
    @Operation(summary = "Stored events, newest first, a page at a time (pass nextCursor as cursor for the next page)")
    public WebhookPage list(@QueryParam("provider") String provider, @QueryParam("status") String status,
                            @QueryParam("type") String type, @QueryParam("since") String since,
                            @QueryParam("limit") Integer limit, @QueryParam("cursor") String cursor) {
        return administration.list(new WebhookFilter(AdminQuery.provider(provider), AdminQuery.status(status),
                AdminQuery.type(type), AdminQuery.since(since)), AdminQuery.cursor(cursor), AdminQuery.limit(limit));
    }

    @GET
    @Path("{id: [0-9]+}")
    @Operation(summary = "One event with its payload and every processing attempt")
    public WebhookView show(@PathParam("id") long id) {
        WebhookDetail detail = administration.find(id).orElseThrow(() -> new UnknownWebhookEvent(id));
        return WebhookView.of(detail);
    }

    @POST
    @Path("{id: [0-9]+}/retry")
    @Operation(summary = "Process the event again now; a PROCESSED one only with force=true (its effects are idempotent)."
            + " With dryRun=true nothing changes: the handler runs in a transaction that is rolled back, and the answer"
            + " lists the rows it would insert or update, each changed field before and after")
    @APIResponse(responseCode = "202", description = "the event, RECEIVED again and woken",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = WebhookSummary.class)))
    @APIResponse(responseCode = "200", description = "a dry run: the event and what processing it now would do",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = RetryPreview.class)))
    public Response retry(@PathParam("id") long id, @QueryParam("force") boolean force,
                          @QueryParam("dryRun") boolean dryRun) {
        if (dryRun) {
            return Response.ok(administration.previewRetry(id, force)).build();
        }
        WebhookSummary requeued = administration.retry(id, force);
        return Response.accepted(requeued).build();
    }

    @POST
    @Path("retry-failed")
    @Operation(summary = "Process every FAILED event that matches again; a dry run changes nothing and lists what it would"
            + " do, for the first 100 events with the rows each would change")
    public RetryReport retryFailed(@QueryParam("provider") String provider, @QueryParam("type") String type,
                                   @Parameter(description = "failed (the default) or quarantined: those are resolved again")
                                   @QueryParam("status") String status,
                                   @QueryParam("since") String since, @QueryParam("dryRun") boolean dryRun) {
        return administration.retryFailed(new WebhookFilter(AdminQuery.provider(provider), AdminQuery.requeueable(status),
                AdminQuery.type(type), AdminQuery.since(since)), dryRun);
    }
}
