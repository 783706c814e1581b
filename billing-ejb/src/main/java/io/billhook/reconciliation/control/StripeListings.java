package io.billhook.reconciliation.control;

import com.stripe.exception.StripeException;
import com.stripe.model.HasId;
import com.stripe.model.Invoice;
import com.stripe.model.StripeCollection;
import com.stripe.model.Subscription;
import io.billhook.stripe.control.StripeCalls;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;

/** A customer's subscriptions and invoices as Stripe lists them, every page (through {@link StripeCalls}). */
@Dependent
public class StripeListings {

    @Inject
    StripeCalls calls;

    public List<Invoice> invoices(String stripeCustomerId) throws StripeException {
        return all(after -> calls.invoices(stripeCustomerId, after));
    }

    public List<Subscription> subscriptions(String stripeCustomerId) throws StripeException {
        return all(after -> calls.subscriptions(stripeCustomerId, after));
    }

    private static <T extends HasId> List<T> all(Page<T> pages) throws StripeException {
        List<T> all = new ArrayList<>();
        String after = null;
        StripeCollection<T> page;
        do {
            page = pages.after(after);
            List<T> data = page.getData() == null ? List.of() : page.getData();
            all.addAll(data);
            after = data.isEmpty() ? null : data.get(data.size() - 1).getId();
        } while (Boolean.TRUE.equals(page.getHasMore()) && after != null);
        return all;
    }

    @FunctionalInterface
    private interface Page<T extends HasId> {
        StripeCollection<T> after(String startingAfter) throws StripeException;
    }
}
