package io.billhook.companies.control;

import static io.billhook.stripe.control.StripePayloads.eventType;
import static io.billhook.stripe.control.StripePayloads.time;

import com.stripe.model.Customer;
import com.stripe.model.Event;
import io.billhook.handling.control.EventHandler;
import io.billhook.handling.entity.EventType;
import io.billhook.handling.entity.Outcome;
import io.billhook.stripe.control.StripePayloads;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;

/** customer.created / .updated link a customer whose metadata names a company; customer.deleted marks the link. */
@Dependent
public class StripeCustomerEvents implements EventHandler {

    @Inject
    CompanyDirectory companies;

    @Override
    public List<EventType> handles() {
        String link = "links the customer to the company in metadata.company_id (creating it) and releases the events"
                + " quarantined for the customer";
        return List.of(
                eventType("customer.created", link, this::changed),
                eventType("customer.updated", link, this::changed),
                eventType("customer.deleted", "marks the customer deleted; its link and history stay", this::deleted));
    }

    public Outcome changed(Event event) {
        Customer customer = StripePayloads.object(event, Customer.class);
        String companyKey = customer.getMetadata() == null ? null : customer.getMetadata().get(CompanyDirectory.COMPANY_ID);
        if (companyKey == null || companyKey.isBlank()) {
            return Outcome.ignored("customer " + customer.getId() + " has no metadata." + CompanyDirectory.COMPANY_ID);
        }
        long companyId = CompanyDirectory.parseCompanyId(companyKey);
        companies.company(companyId).nameIfUnknown(customer.getName());
        // the customer's metadata is set by the business, not by a browser: a newer one may move the link
        companies.link(customer.getId(), companyId, customer.getEmail(), customer.getName(), event.getCreated(), true);
        return Outcome.applied(companies.companyOfStripeCustomer(customer.getId()));
    }

    public Outcome deleted(Event event) {
        Customer customer = StripePayloads.object(event, Customer.class);
        if (!companies.customerDeleted(customer.getId(), time(event.getCreated()))) {
            return Outcome.ignored("customer " + customer.getId() + " was never linked to a company");
        }
        return Outcome.applied(companies.companyOfStripeCustomer(customer.getId()));
    }
}
