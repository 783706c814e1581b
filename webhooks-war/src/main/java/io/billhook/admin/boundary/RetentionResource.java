package io.billhook.admin.boundary;

import io.billhook.ingest.boundary.WebhooksApplication;
import io.billhook.retention.boundary.Retention;
import io.billhook.retention.entity.RetentionPolicy;
import io.billhook.retention.entity.RetentionReport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.SQLException;
import java.time.Duration;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code /api/admin/retention}: how long each kind of record is kept, the last pass, and a pass now. */
@ApplicationScoped
@Path("api/admin/retention")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = WebhooksApplication.BASIC)
public class RetentionResource {

    /** Periods and the interval as ISO-8601 durations ({@code PT720H}: 30 days); the last pass, if any. */
    public record RetentionView(RetentionPolicy policy, Duration interval, RetentionReport lastPass) {
    }

    @Inject
    Retention retention;

    @GET
    @Operation(summary = "The retention policy, how often a pass runs, and what the last pass on this node did")
    public RetentionView show() {
        return new RetentionView(retention.policy(), retention.interval(), retention.last().orElse(null));
    }

    @POST
    @Path("runs")
    @Operation(summary = "Run one retention pass now and report what it removed or masked")
    @APIResponse(responseCode = "200", description = "the pass, finished")
    @APIResponse(responseCode = "409", description = "a pass is running, on this node or another")
    public RetentionReport run() throws SQLException {
        return retention.run();
    }
}
