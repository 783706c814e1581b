package io.billhook.records.control;

import static io.billhook.stripe.control.StripePayloads.eventType;

import com.stripe.model.CreditNote;
import com.stripe.model.Event;
import com.stripe.model.InvoiceItem;
import com.stripe.model.InvoicePayment;
import com.stripe.model.PaymentMethod;
import com.stripe.model.Plan;
import com.stripe.model.Price;
import com.stripe.model.Product;
import com.stripe.model.SetupIntent;
import com.stripe.model.StripeObject;
import com.stripe.model.SubscriptionSchedule;
import com.stripe.model.checkout.Session;
import io.billhook.billing.control.StripeInvoiceEvents;
import io.billhook.billing.control.SubscriptionBook;
import io.billhook.billing.entity.Invoice;
import io.billhook.companies.control.CompanyDirectory;
import io.billhook.handling.control.EventHandler;
import io.billhook.handling.entity.EventType;
import io.billhook.handling.entity.Outcome;
import io.billhook.records.entity.RecordSnapshot;
import io.billhook.stripe.control.StripePayloads;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;

/**
 * The Stripe objects billing records but does not compute with. Checkout sessions also link their
 * customer to the company named by {@code metadata.company_id} or {@code client_reference_id}.
 */
@Dependent
public class StripeRecordEvents implements EventHandler {

    @Inject
    CompanyDirectory companies;

    @Inject
    RecordBook records;

    @Inject
    StripeInvoiceEvents invoices;

    @Inject
    SubscriptionBook subscriptions;

    @Override
    public List<EventType> handles() {
        String checkout = "records the checkout session and links its customer to the company in metadata.company_id"
                + " or client_reference_id";
        String method = "records the payment method for the company of its customer";
        String catalogue = "records the catalogue object (belongs to no company)";
        return List.of(
                eventType("invoice_payment.paid", "links the invoice to the PaymentIntent that paid it, and so to its"
                        + " charges", this::invoicePayment),
                eventType("invoiceitem.created", "records the invoice item on its invoice", this::invoiceItem),
                eventType("credit_note.created", "records the credit note on its invoice", this::creditNote),
                eventType("checkout.session.completed", checkout, this::checkoutSession),
                eventType("checkout.session.expired", checkout, this::checkoutSession),
                eventType("payment_method.attached", method, this::paymentMethod),
                eventType("payment_method.detached", method, this::paymentMethod),
                eventType("setup_intent.succeeded", "records the setup intent for the company of its customer",
                        this::setupIntent),
                eventType("subscription_schedule.created", "records the schedule and names it on its subscription",
                        this::subscriptionSchedule),
                eventType("product.created", catalogue, this::catalogue),
                eventType("price.created", catalogue, this::catalogue),
                eventType("plan.created", catalogue, this::catalogue));
    }

    /** checkout.session.completed, .expired. */
    public Outcome checkoutSession(Event event) {
        Session session = StripePayloads.object(event, Session.class);
        String companyKey = session.getMetadata() != null && session.getMetadata().get(CompanyDirectory.COMPANY_ID) != null
                ? session.getMetadata().get(CompanyDirectory.COMPANY_ID) : session.getClientReferenceId();
        Long companyId;
        if (companyKey == null && session.getCustomer() == null) {
            // an abandoned guest session names nobody: kept, belonging to no company
            companyId = null;
        } else if (companyKey != null && "complete".equals(session.getStatus()) && session.getCustomer() != null) {
            companyId = CompanyDirectory.parseCompanyId(companyKey);
            companies.company(companyId);
            // a client_reference_id is chosen by the browser that opened the checkout: it links a new customer, and
            // never moves one that belongs to a company already; the session's metadata is the business's own
            boolean byMetadata = session.getMetadata() != null && session.getMetadata().get(CompanyDirectory.COMPANY_ID) != null;
            companies.link(session.getCustomer(), companyId, session.getCustomerDetails() == null ? null
                    : session.getCustomerDetails().getEmail(), null, event.getCreated(), byMetadata);
            companyId = companies.companyOfStripeCustomer(session.getCustomer());
        } else {
            companyId = companyKey != null ? companies.resolve(Map.of(CompanyDirectory.COMPANY_ID, companyKey), null)
                    : companies.resolve(session.getMetadata(), session.getCustomer());
        }
        return record(event, session.getId(), "checkout_session", companyId, new RecordSnapshot(session.getStatus(),
                session.getCustomer(), session.getAmountTotal(), session.getCurrency(), session.getSubscription(),
                session.getPaymentIntent(), session.getMode()));
    }

    /** payment_method.attached, .detached: a detached method names no customer, so its company is the one recorded. */
    public Outcome paymentMethod(Event event) {
        PaymentMethod method = StripePayloads.object(event, PaymentMethod.class);
        String customer = method.getCustomer() != null ? method.getCustomer() : previousCustomer(event);
        long companyId = records.find(method.getId()).map(r -> r.companyId())
                .orElseGet(() -> companies.resolve(method.getMetadata(), customer));
        String card = method.getCard() == null ? method.getType()
                : method.getCard().getBrand() + " " + method.getCard().getLast4();
        return record(event, method.getId(), "payment_method", companyId, new RecordSnapshot(
                method.getCustomer() != null ? "attached" : "detached", customer, null, null, null, null, card));
    }

    public Outcome setupIntent(Event event) {
        SetupIntent intent = StripePayloads.object(event, SetupIntent.class);
        long companyId = companies.resolve(intent.getMetadata(), intent.getCustomer());
        return record(event, intent.getId(), "setup_intent", companyId, new RecordSnapshot(intent.getStatus(),
                intent.getCustomer(), null, null, null, intent.getPaymentMethod(), intent.getUsage()));
    }

    /** subscription_schedule.created: recorded, and named on its subscription. */
    public Outcome subscriptionSchedule(Event event) {
        SubscriptionSchedule schedule = StripePayloads.object(event, SubscriptionSchedule.class);
        long companyId = companies.resolve(schedule.getMetadata(), schedule.getCustomer());
        if (schedule.getSubscription() != null) {
            subscriptions.find(schedule.getSubscription()).ifPresent(s -> s.scheduledBy(schedule.getId()));
        }
        return record(event, schedule.getId(), "subscription_schedule", companyId, new RecordSnapshot(
                schedule.getStatus(), schedule.getCustomer(), null, null, schedule.getSubscription(), null,
                schedule.getEndBehavior()));
    }

    public Outcome creditNote(Event event) {
        CreditNote note = StripePayloads.object(event, CreditNote.class);
        long companyId = companies.resolve(note.getMetadata(), note.getCustomer());
        return record(event, note.getId(), "credit_note", companyId, new RecordSnapshot(note.getStatus(),
                note.getCustomer(), note.getTotal(), note.getCurrency(), note.getInvoice(), null,
                note.getReason()));
    }

    public Outcome invoiceItem(Event event) {
        InvoiceItem item = StripePayloads.object(event, InvoiceItem.class);
        long companyId = companies.resolve(item.getMetadata(), item.getCustomer());
        return record(event, item.getId(), "invoiceitem", companyId, new RecordSnapshot(null, item.getCustomer(),
                item.getAmount(), item.getCurrency(), item.getInvoice(), null, item.getDescription()));
    }

    /** invoice_payment.paid: links the invoice to the PaymentIntent that paid it, and so to its charges. */
    public Outcome invoicePayment(Event event) {
        InvoicePayment payment = StripePayloads.object(event, InvoicePayment.class);
        Invoice invoice = invoices.known(payment.getInvoice());
        String paymentIntent = payment.getPayment() == null ? null : payment.getPayment().getPaymentIntent();
        return record(event, payment.getId(), "invoice_payment", invoice.companyId(), new RecordSnapshot(
                payment.getStatus(), null, payment.getAmountPaid(), payment.getCurrency(), payment.getInvoice(),
                paymentIntent, null));
    }

    /** product.created, price.created, plan.created: the catalogue, which belongs to no company. */
    public Outcome catalogue(Event event) {
        StripeObject object = StripePayloads.object(event, StripeObject.class);
        if (object instanceof Product product) {
            return record(event, product.getId(), "product", null, new RecordSnapshot(
                    Boolean.TRUE.equals(product.getActive()) ? "active" : "inactive", null, null, null, null, null,
                    product.getName()));
        }
        if (object instanceof Price price) {
            return record(event, price.getId(), "price", null, new RecordSnapshot(
                    Boolean.TRUE.equals(price.getActive()) ? "active" : "inactive", null, price.getUnitAmount(),
                    price.getCurrency(), price.getProduct(), null,
                    price.getRecurring() == null ? "one_time" : "per " + price.getRecurring().getInterval()));
        }
        if (object instanceof Plan plan) {
            return record(event, plan.getId(), "plan", null, new RecordSnapshot(
                    Boolean.TRUE.equals(plan.getActive()) ? "active" : "inactive", null, plan.getAmount(),
                    plan.getCurrency(), plan.getProduct(), null, "per " + plan.getInterval()));
        }
        throw new io.billhook.handling.entity.PermanentFailure(event.getType() + " carries a "
                + object.getClass().getSimpleName() + ", not a product, price or plan");
    }

    private Outcome record(Event event, String stripeId, String objectType, Long companyId, RecordSnapshot snapshot) {
        records.record(stripeId, objectType, companyId).accept(snapshot, event.getCreated());
        return Outcome.applied(companyId);
    }

    private static String previousCustomer(Event event) {
        Map<String, Object> previous = event.getData().getPreviousAttributes();
        Object customer = previous == null ? null : previous.get("customer");
        return customer instanceof String id ? id : null;
    }
}
