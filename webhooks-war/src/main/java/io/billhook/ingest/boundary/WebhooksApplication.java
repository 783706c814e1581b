package io.billhook.ingest.boundary;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

/** The web module's resources: the providers' webhooks at {@code /webhooks}, the admin API at {@code /api/admin}. */
@ApplicationPath("/")
@OpenAPIDefinition(info = @Info(title = "Billhook", version = "1",
        description = "Webhooks of Stripe, Retell and Cal.com, stored once and processed exactly once; the admin API"
                + " operators and the billhook CLI use. Errors are application/problem+json (RFC 9457)."))
@SecurityScheme(securitySchemeName = WebhooksApplication.BASIC, type = SecuritySchemeType.HTTP, scheme = "basic",
        description = "A user of the admin API: role operator (everything) or viewer (GET only)")
public class WebhooksApplication extends Application {

    /** The admin API's security scheme: HTTP Basic. */
    public static final String BASIC = "basic";
}
