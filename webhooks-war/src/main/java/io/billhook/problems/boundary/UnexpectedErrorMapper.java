package io.billhook.problems.boundary;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.lang.System.Logger.Level;
import java.util.UUID;

/** The last resort: a one-line problem for the caller, the stack trace in the log under a reference. */
@Provider
public class UnexpectedErrorMapper implements ExceptionMapper<Throwable> {

    private static final System.Logger LOG = System.getLogger(UnexpectedErrorMapper.class.getName());

    @Override
    public Response toResponse(Throwable error) {
        String reference = UUID.randomUUID().toString();
        LOG.log(Level.ERROR, "Unexpected error, reference " + reference, error);
        return Problem.of(500, "internal-error", "Internal server error",
                "the request failed unexpectedly; the server log has the details under reference " + reference)
                .response()
                .build();
    }
}
