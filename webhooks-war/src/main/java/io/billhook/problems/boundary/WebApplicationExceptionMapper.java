package io.billhook.problems.boundary;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * Errors the JAX-RS runtime raises itself (unknown path, wrong method, …) as problem details too. The runtime's
 * own messages echo the request (its Host header, the full URL): those answers say only what went wrong.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        int status = original.getStatus();
        String title = original.getStatusInfo().getReasonPhrase();
        return Problem.of(status, title.toLowerCase().replace(' ', '-'), title, detail(exception, status, title))
                .response()
                .build();
    }

    /** Billhook's own refusals keep their words; the runtime's are replaced by a sentence of our own. */
    private static String detail(WebApplicationException exception, int status, String title) {
        String message = exception.getMessage();
        if (message != null && !message.startsWith("RESTEASY") && !message.startsWith("HTTP " + status)) {
            return message;
        }
        return switch (status) {
            case 404 -> "there is nothing at this path";
            case 405 -> "this path does not take that method";
            case 406 -> "this path cannot answer in the media type asked for";
            case 415 -> "this path does not take that media type";
            default -> title;
        };
    }
}
