package io.billhook.problems.boundary;

import io.billhook.statistics.entity.StatisticsUnavailable;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

@Provider
public class StatisticsUnavailableMapper implements ExceptionMapper<StatisticsUnavailable> {

    @Override
    public Response toResponse(StatisticsUnavailable unavailable) {
        return Problem.of(503, "unavailable", "Statistics unavailable", unavailable.getMessage())
                .response()
                .header(HttpHeaders.RETRY_AFTER, 10)
                .build();
    }
}
