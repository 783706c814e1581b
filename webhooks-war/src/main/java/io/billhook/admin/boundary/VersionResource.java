package io.billhook.admin.boundary;

import io.billhook.ingest.boundary.WebhooksApplication;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;

/** {@code GET /api/admin/version}: the build this server runs, and on which Java. */
@ApplicationScoped
@Path("api/admin/version")
@Produces(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = WebhooksApplication.BASIC)
public class VersionResource {

    public record ServerVersion(String version, String java) {
    }

    @Inject
    BuildVersion build;

    @GET
    @Operation(summary = "The version of the build this server runs, and the Java runtime's version")
    public ServerVersion version() {
        return new ServerVersion(build.version(), Runtime.version().toString());
    }
}
