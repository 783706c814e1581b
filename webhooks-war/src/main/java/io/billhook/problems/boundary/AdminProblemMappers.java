package io.billhook.problems.boundary;

import io.billhook.calls.entity.RetellApiNotConfigured;
import io.billhook.calls.entity.RetellApiUnavailable;
import io.billhook.inbox.entity.AlreadyProcessed;
import io.billhook.inbox.entity.PayloadRedacted;
import io.billhook.operations.entity.UnknownWebhookEvent;
import io.billhook.retention.entity.RetentionBusy;
import io.billhook.stripe.entity.StripeApiNotConfigured;
import io.billhook.stripe.entity.StripeApiUnavailable;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** The admin API's own refusals as problem details. */
public final class AdminProblemMappers {

    private AdminProblemMappers() {
    }

    @Provider
    public static class UnknownWebhookEventMapper implements ExceptionMapper<UnknownWebhookEvent> {
        @Override
        public Response toResponse(UnknownWebhookEvent unknown) {
            return Problem.of(404, "not-found", "Not Found", unknown.getMessage()).response().build();
        }
    }

    @Provider
    public static class AlreadyProcessedMapper implements ExceptionMapper<AlreadyProcessed> {
        @Override
        public Response toResponse(AlreadyProcessed processed) {
            return Problem.of(409, "already-processed", "Already processed", processed.getMessage()).response().build();
        }
    }

    @Provider
    public static class PayloadRedactedMapper implements ExceptionMapper<PayloadRedacted> {
        @Override
        public Response toResponse(PayloadRedacted redacted) {
            return Problem.of(409, "payload-redacted", "Payload redacted", redacted.getMessage()).response().build();
        }
    }

    @Provider
    public static class RetentionBusyMapper implements ExceptionMapper<RetentionBusy> {
        @Override
        public Response toResponse(RetentionBusy busy) {
            return Problem.of(409, "retention-running", "Retention pass running", busy.getMessage()).response().build();
        }
    }

    @Provider
    public static class StripeApiNotConfiguredMapper implements ExceptionMapper<StripeApiNotConfigured> {
        @Override
        public Response toResponse(StripeApiNotConfigured missing) {
            return Problem.of(409, "stripe-api-not-configured", "Stripe API not configured", missing.getMessage())
                    .response().build();
        }
    }

    @Provider
    public static class StripeApiUnavailableMapper implements ExceptionMapper<StripeApiUnavailable> {
        @Override
        public Response toResponse(StripeApiUnavailable unavailable) {
            return Problem.of(502, "stripe-unavailable", "Stripe API unavailable", unavailable.getMessage())
                    .response().build();
        }
    }

    @Provider
    public static class RetellApiNotConfiguredMapper implements ExceptionMapper<RetellApiNotConfigured> {
        @Override
        public Response toResponse(RetellApiNotConfigured missing) {
            return Problem.of(409, "retell-api-not-configured", "Retell API not configured", missing.getMessage())
                    .response().build();
        }
    }

    @Provider
    public static class RetellApiUnavailableMapper implements ExceptionMapper<RetellApiUnavailable> {
        @Override
        public Response toResponse(RetellApiUnavailable unavailable) {
            return Problem.of(502, "retell-unavailable", "Retell API unavailable", unavailable.getMessage())
                    .response().build();
        }
    }
}
