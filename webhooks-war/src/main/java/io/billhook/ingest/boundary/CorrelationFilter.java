package io.billhook.ingest.boundary;

import io.billhook.ingest.control.CorrelationId;
import io.billhook.logging.LogFields;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/**
 * Gives every request its correlation id before anything else runs: it is on every log line the request
 * writes and in the response header, error answers included.
 */
@Provider
@PreMatching
public class CorrelationFilter implements ContainerRequestFilter, ContainerResponseFilter {

    private static final String LOG_FIELDS = CorrelationFilter.class.getName() + ".logFields";

    @Override
    public void filter(ContainerRequestContext request) {
        String correlationId = CorrelationId.of(request.getHeaderString(CorrelationId.HEADER));
        request.setProperty(CorrelationId.PROPERTY, correlationId);
        request.setProperty(LOG_FIELDS, LogFields.with("correlation_id", correlationId));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object correlationId = request.getProperty(CorrelationId.PROPERTY);
        if (correlationId != null) {
            response.getHeaders().putSingle(CorrelationId.HEADER, correlationId);
        }
        if (request.getProperty(LOG_FIELDS) instanceof LogFields fields) {
            fields.close();
        }
    }
}
