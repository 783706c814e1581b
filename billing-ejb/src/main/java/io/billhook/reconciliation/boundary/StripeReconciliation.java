package io.billhook.reconciliation.boundary;

import com.stripe.exception.StripeException;
import com.stripe.model.HasId;
import com.stripe.model.Invoice;
import com.stripe.model.Subscription;
import io.billhook.Causes;
import io.billhook.billing.control.StripeInvoiceEvents;
import io.billhook.billing.control.StripeSubscriptionEvents;
import io.billhook.handling.entity.QuarantineKey;
import io.billhook.processing.control.EventSubjects;
import io.billhook.reconciliation.control.LocalMirrors;
import io.billhook.reconciliation.control.StripeListings;
import io.billhook.reconciliation.entity.Drift;
import io.billhook.reconciliation.entity.MirrorState;
import io.billhook.reconciliation.entity.MirroredObject;
import io.billhook.reconciliation.entity.ReconcileReport;
import io.billhook.reconciliation.entity.ReconcileRequest;
import io.billhook.reconciliation.entity.UnknownCompany;
import io.billhook.stripe.control.StripeCalls;
import io.billhook.stripe.control.StripeObjects.Fetched;
import io.billhook.stripe.entity.StripeApiNotConfigured;
import io.billhook.stripe.entity.StripeApiUnavailable;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * Compares the local mirrors of subscriptions and invoices with what Stripe lists for each customer, and with
 * {@code repair} applies Stripe's objects as they were read, through the handlers' own freshness rules: a local
 * state further along its object's progression is kept, never moved back. A repair takes the customer's lock, as
 * its events do, and each object commits on its own. Nothing is deleted: an object Stripe does not list is reported.
 */
@Stateless
public class StripeReconciliation {

    private static final System.Logger LOG = System.getLogger(StripeReconciliation.class.getName());

    @Inject
    StripeCalls calls;

    @Inject
    StripeListings stripe;

    @Inject
    LocalMirrors local;

    @Inject
    StripeInvoiceEvents invoices;

    @Inject
    StripeSubscriptionEvents subscriptions;

    @Inject
    EventSubjects subjects;

    @Resource
    SessionContext context;

    /** Reads and compares with no transaction open, so that a slow Stripe API holds no connection or lock. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public ReconcileReport reconcile(ReconcileRequest request) {
        if (!calls.configured()) {
            throw new StripeApiNotConfigured("a reconciliation lists Stripe's subscriptions and invoices");
        }
        List<String> customers = request.companyId() == null ? local.linkedCustomers()
                : local.customersOf(request.companyId()).orElseThrow(() -> new UnknownCompany(request.companyId()));
        StripeReconciliation self = context.getBusinessObject(StripeReconciliation.class);
        List<Drift> drifts = new ArrayList<>();
        int[] compared = new int[MirroredObject.values().length];
        for (String customer : customers) {
            for (MirroredObject kind : request.objects()) {
                long readAt = Instant.now().getEpochSecond();
                Map<String, HasId> listed = listed(kind, customer);
                compared[kind.ordinal()] += listed.size();
                drifts.addAll(compare(self, kind, customer, listed, readAt, request.repair()));
            }
        }
        ReconcileReport report = ReconcileReport.of(request.repair(), customers.size(),
                compared[MirroredObject.SUBSCRIPTIONS.ordinal()], compared[MirroredObject.INVOICES.ordinal()], drifts);
        LOG.log(Level.INFO, "Reconciled {0} Stripe customer(s): {1} subscriptions and {2} invoices listed, {3} drift(s){4}",
                report.customers(), report.subscriptions(), report.invoices(), drifts.size(),
                request.repair() ? ", " + report.repaired() + " repaired, " + report.kept() + " kept" : "");
        return report;
    }

    /** Applies one object as Stripe had it at {@code version} (epoch seconds), under its customer's lock. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public void repair(String stripeCustomerId, HasId object, long version) {
        subjects.lock(QuarantineKey.stripeCustomer(stripeCustomerId).lockName());
        if (object instanceof Invoice invoice) {
            invoices.applyFetched(new Fetched<>(invoice, version));
        } else if (object instanceof Subscription subscription) {
            subscriptions.applyFetched(new Fetched<>(subscription, version));
        }
    }

    private List<Drift> compare(StripeReconciliation self, MirroredObject kind, String customer, Map<String, HasId> listed,
                                long readAt, boolean repair) {
        Map<String, MirrorState> theirs = new LinkedHashMap<>();
        listed.forEach((id, object) -> theirs.put(id, state(object)));
        Map<String, MirrorState> ours = local.of(kind, customer);
        Set<String> ids = new LinkedHashSet<>(theirs.keySet());
        ids.addAll(ours.keySet());
        List<Drift> found = new ArrayList<>();
        for (String id : ids) {
            Drift.between(kind, id, Optional.ofNullable(ours.get(id)), Optional.ofNullable(theirs.get(id))).ifPresent(found::add);
        }
        if (!repair || found.stream().noneMatch(Drift::repairable)) {
            return found;
        }
        List<Drift> failed = new ArrayList<>();
        for (Drift drift : found) {
            if (drift.repairable()) {
                try {
                    self.repair(customer, listed.get(drift.id()), readAt);
                } catch (RuntimeException e) {
                    LOG.log(Level.WARNING, "Reconciliation could not repair {0} {1}: {2}", kind.singular(), drift.id(),
                            Causes.rootMessage(e));
                    failed.add(drift);
                }
            }
        }
        Map<String, MirrorState> repaired = local.of(kind, customer);
        return found.stream().map(drift -> !drift.repairable() ? drift
                : failed.contains(drift) ? drift.after(Drift.Repair.FAILED)
                : drift.after(Drift.between(kind, drift.id(), Optional.ofNullable(repaired.get(drift.id())),
                        Optional.ofNullable(theirs.get(drift.id()))).isEmpty() ? Drift.Repair.REPAIRED : Drift.Repair.KEPT))
                .toList();
    }

    private Map<String, HasId> listed(MirroredObject kind, String customer) {
        Map<String, HasId> listed = new LinkedHashMap<>();
        try {
            List<? extends HasId> objects = kind == MirroredObject.INVOICES ? stripe.invoices(customer)
                    : stripe.subscriptions(customer);
            objects.forEach(object -> listed.put(object.getId(), object));
        } catch (StripeException | FaultToleranceException e) {
            throw new StripeApiUnavailable("Stripe's " + kind.name().toLowerCase(Locale.ROOT) + " of customer "
                    + customer + " could not be listed: " + Causes.rootMessage(e), e);
        }
        return listed;
    }

    private static MirrorState state(HasId object) {
        return object instanceof Invoice invoice ? MirrorState.of(invoice) : MirrorState.of((Subscription) object);
    }
}
