package io.billhook.calls.control;

import io.billhook.alerts.boundary.Alerts;
import io.billhook.calls.entity.MeterErrorReport;
import io.billhook.handling.control.EventHandler;
import io.billhook.handling.entity.EventType;
import io.billhook.handling.entity.Outcome;
import io.billhook.handling.entity.Provider;
import io.billhook.handling.entity.ReceivedEvent;
import io.billhook.stripe.control.StripeCalls;
import io.billhook.stripe.control.StripeObjects;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/**
 * Stripe's meter error reports, a thin event: the full event is fetched from the Stripe API, and the usage records it
 * names as rejected become unbillable with Stripe's reason, each company's told by an alert.
 */
@Dependent
public class MeterErrorReports implements EventHandler {

    @Inject
    StripeObjects stripeObjects;

    @Inject
    UsageBook usage;

    @Inject
    Alerts alerts;

    @Override
    public List<EventType> handles() {
        return List.of(new EventType(Provider.STRIPE, "v1.billing.meter.error_report_triggered",
                "fetches the report (a thin event) and marks the call usage it names unbillable, with Stripe's reason;"
                        + " an alert per company", this::reported));
    }

    Outcome reported(ReceivedEvent event) {
        MeterErrorReport report = MeterErrorReport.of(stripeObjects.thinEvent(event.providerEventId()).object(),
                StripeCalls.USAGE_IDENTIFIER);
        String reason = "Stripe rejected the meter event (" + String.join(", ", report.codes()) + "): " + report.summary();
        List<Long> companies = usage.rejected(new ArrayList<>(report.usageIds()), reason);
        for (long company : companies) {
            alerts.usageUnbillable(company, "call usage of company " + company + " was rejected by Stripe's meter: "
                    + reason + " (" + report.errors() + " meter event(s) in the report)");
        }
        if (companies.isEmpty()) {
            return Outcome.ignored("the report names no call usage of this server (" + report.errors() + " error(s): "
                    + reason + ")");
        }
        return Outcome.applied(companies.size() == 1 ? companies.get(0) : null);
    }
}
