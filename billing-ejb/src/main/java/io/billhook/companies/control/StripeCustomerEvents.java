package io.billhook.companies.control;

import static io.billhook.webhooks.control.StripePayloads.time;

import com.stripe.model.Customer;
import com.stripe.model.Event;
import io.billhook.webhooks.control.StripePayloads;
import io.billhook.webhooks.entity.Outcome;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/** customer.created / .updated link a customer whose metadata names a company; customer.deleted marks the link. */
@Dependent
public class StripeCustomerEvents {

    @Inject
    CompanyDirectory companies;

    public Outcome changed(Event event) {
        Customer customer = StripePayloads.object(event, Customer.class);
        String companyKey = customer.getMetadata() == null ? null : customer.getMetadata().get(CompanyDirectory.COMPANY_ID);
        if (companyKey == null || companyKey.isBlank()) {
            return Outcome.ignored("customer " + customer.getId() + " has no metadata." + CompanyDirectory.COMPANY_ID);
        }
        long companyId = CompanyDirectory.parseCompanyId(companyKey);
        companies.company(companyId).nameIfUnknown(customer.getName());
        companies.link(customer.getId(), companyId, customer.getEmail(), customer.getName());
        return Outcome.applied(companyId);
    }

    public Outcome deleted(Event event) {
        Customer customer = StripePayloads.object(event, Customer.class);
        if (!companies.customerDeleted(customer.getId(), time(event.getCreated()))) {
            return Outcome.ignored("customer " + customer.getId() + " was never linked to a company");
        }
        return Outcome.applied(companies.companyOfStripeCustomer(customer.getId()));
    }
}
