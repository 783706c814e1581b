package io.billhook.admin.boundary;

import io.billhook.handling.entity.Provider;
import io.billhook.ingest.boundary.WebhooksApplication;
import io.billhook.statistics.boundary.Statistics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code GET /api/admin/webhooks/stats}: the webhook statistics, over all time or since an instant. */
@ApplicationScoped
@Path("api/admin/webhooks/stats")
@SecurityRequirement(name = WebhooksApplication.BASIC)
public class WebhookStatsResource {

    @Inject
    Statistics statistics;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Statistics of the events received since an instant, or ever")
    public StatisticsView stats(@Parameter(description = "stripe, retell or calcom; all when absent") @QueryParam("provider") String provider,
                                @Parameter(description = "ISO-8601 instant or a look-back such as 15m, 24h, 7d") @QueryParam("since") String since) {
        Provider chosen = AdminQuery.provider(provider);
        return StatisticsView.of(statistics.of(chosen == null ? null : chosen.key(), AdminQuery.since(since)));
    }
}
