package io.billhook.companies.control;

import com.stripe.model.Customer;
import com.stripe.model.Event;
import io.billhook.webhooks.control.StripePayloads;
import io.billhook.webhooks.entity.Outcome;
import io.billhook.webhooks.entity.PermanentFailure;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;

/** customer.created / customer.updated: a customer whose metadata names a company is linked to it. */
@Dependent
public class StripeCustomerEvents {

    static final String COMPANY_ID = "company_id";

    @Inject
    CompanyDirectory companies;

    public Outcome changed(Event event) {
        Customer customer = StripePayloads.object(event, Customer.class);
        String companyKey = customer.getMetadata() == null ? null : customer.getMetadata().get(COMPANY_ID);
        if (companyKey == null || companyKey.isBlank()) {
            return Outcome.ignored("customer " + customer.getId() + " has no metadata." + COMPANY_ID);
        }
        long companyId = parseCompanyId(companyKey);
        companies.company(companyId).nameIfUnknown(customer.getName());
        companies.link(customer.getId(), companyId, customer.getEmail(), customer.getName());
        return Outcome.applied(companyId);
    }

    static long parseCompanyId(String companyKey) {
        try {
            return Long.parseLong(companyKey.trim());
        } catch (NumberFormatException e) {
            throw new PermanentFailure("metadata." + COMPANY_ID + " is not a company id: " + companyKey, e);
        }
    }
}
