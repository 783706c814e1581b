package io.billhook.admin.boundary;

import io.billhook.problems.boundary.Problem;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.Set;

/**
 * A change through the admin API must come from a client that means it, not from a page a signed-in browser
 * happens to show: a state-changing request carries a JSON content type or the {@value #HEADER} header (which a
 * cross-site form cannot send without a preflight), and an {@code Origin}, when it is given, is the API's own.
 */
@Provider
public class CrossSiteRequests implements ContainerRequestFilter {

    /** The header the CLI (and any script) sends with every change; its value is free. */
    public static final String HEADER = "X-Requested-By";

    private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS");

    @Override
    public void filter(ContainerRequestContext request) {
        UriInfo uri = request.getUriInfo();
        if (SAFE.contains(request.getMethod()) || !uri.getPath().startsWith("api/admin")
                && !uri.getPath().startsWith("/api/admin")) {
            return;
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && !sameOrigin(origin, uri.getBaseUri())) {
            refuse(request, "a change from another origin (" + origin + ") is refused");
        } else if (request.getHeaderString(HEADER) == null && !json(request.getHeaderString(HttpHeaders.CONTENT_TYPE))) {
            refuse(request, "a change needs the " + HEADER + " header or a JSON body");
        }
    }

    private static boolean sameOrigin(String origin, URI base) {
        try {
            URI given = URI.create(origin.strip());
            return base.getScheme().equalsIgnoreCase(given.getScheme()) && base.getHost().equalsIgnoreCase(given.getHost())
                    && port(base) == port(given);
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static boolean json(String contentType) {
        return contentType != null && contentType.split(";", 2)[0].strip().equalsIgnoreCase(MediaType.APPLICATION_JSON);
    }

    private static void refuse(ContainerRequestContext request, String detail) {
        request.abortWith(Problem.of(403, "cross-site-request", "Forbidden", detail).response().build());
    }
}
