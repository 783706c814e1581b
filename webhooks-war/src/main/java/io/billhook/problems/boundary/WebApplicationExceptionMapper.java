package io.billhook.problems.boundary;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Errors the JAX-RS runtime raises itself (unknown path, wrong method, …) as problem details too. */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        String title = original.getStatusInfo().getReasonPhrase();
        return Problem.of(status, title.toLowerCase().replace(' ', '-'), title, exception.getMessage())
                .response()
                .build();
    }
}
