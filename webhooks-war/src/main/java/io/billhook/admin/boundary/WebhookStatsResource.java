package io.billhook.admin.boundary;

import io.billhook.configuration.DurationConverter;
import io.billhook.webhooks.boundary.WebhookEventLogger;
import io.billhook.webhooks.entity.Provider;
import io.billhook.webhooks.entity.WebhookStatistics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** {@code GET /api/admin/webhooks/stats}: the WebhookEventLogger's statistics, over all time or since an instant. */
@ApplicationScoped
@Path("api/admin/webhooks/stats")
public class WebhookStatsResource {

    @Inject
    WebhookEventLogger logger;

    /**
     * @param provider stripe, retell or calcom; all when absent
     * @param since    an ISO-8601 instant ({@code 2026-11-27T09:00:00Z}) or a look-back ({@code 15m}, {@code 24h}, {@code 7d})
     */
    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public StatisticsView stats(@QueryParam("provider") String provider, @QueryParam("since") String since) {
        Instant from = since == null || since.isBlank() ? null : instant(since);
        WebhookStatistics statistics = logger.statistics(providerKey(provider), from);
        return StatisticsView.of(statistics);
    }

    private static String providerKey(String provider) {
        if (provider == null || provider.isBlank()) {
            return null;
        }
        try {
            return Provider.fromKey(provider.trim()).key();
        } catch (IllegalArgumentException e) {
            throw new BadRequestException("unknown provider '" + provider + "'; known: "
                    + Arrays.stream(Provider.values()).map(Provider::key).collect(Collectors.joining(", ")));
        }
    }

    private static Instant instant(String since) {
        try {
            return Instant.parse(since.trim());
        } catch (DateTimeParseException notAnInstant) {
            try {
                return Instant.now().minus(new DurationConverter().convert(since));
            } catch (RuntimeException notADuration) {
                throw new BadRequestException("since must be an ISO-8601 instant (2026-11-27T09:00:00Z) or a look-back"
                        + " such as 15m, 24h or 7d, not '" + since + "'");
            }
        }
    }
}
