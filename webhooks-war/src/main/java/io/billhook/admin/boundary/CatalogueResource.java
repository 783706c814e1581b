package io.billhook.admin.boundary;

import io.billhook.handling.control.EventCatalogue;
import io.billhook.handling.entity.CatalogueEntry;
import io.billhook.handling.entity.Provider;
import io.billhook.ingest.boundary.WebhooksApplication;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code GET /api/admin/catalogue}: every event type with an effect, its lane, what it does and who does it. */
@ApplicationScoped
@Path("api/admin/catalogue")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = WebhooksApplication.BASIC)
public class CatalogueResource {

    @Inject
    EventCatalogue catalogue;

    @GET
    @Operation(summary = "The event types of all providers that have an effect, by provider and type: the lane,"
            + " the effect in words and the handler. Every other type is acknowledged and IGNORED")
    public List<CatalogueEntry> catalogue(
            @Parameter(description = "stripe, retell or calcom; all when absent") @QueryParam("provider") String provider) {
        Provider chosen = AdminQuery.provider(provider);
        return catalogue.entries().stream().filter(entry -> chosen == null || chosen.key().equals(entry.provider())).toList();
    }
}
