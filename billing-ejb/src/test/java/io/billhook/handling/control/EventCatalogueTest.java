package io.billhook.handling.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.billhook.handling.entity.CatalogueEntry;
import io.billhook.handling.entity.EventType;
import io.billhook.handling.entity.Lane;
import io.billhook.handling.entity.Outcome;
import io.billhook.handling.entity.Provider;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The catalogue against the handlers themselves: every EventHandler of the module (found in the compiled classes,
 * so a new one is included without being named here) declares its types, no type twice, and together they are
 * the types Billhook applies.
 */
class EventCatalogueTest {

    static final Set<String> STRIPE = Set.of("customer.created", "customer.updated", "customer.deleted",
            "customer.subscription.created", "customer.subscription.updated", "customer.subscription.deleted",
            "customer.subscription.paused", "customer.subscription.resumed", "customer.subscription.trial_will_end",
            "invoice.created", "invoice.finalized", "invoice.finalization_failed", "invoice.sent", "invoice.paid",
            "invoice.payment_succeeded", "invoice.payment_failed", "invoice.payment_action_required", "invoice.voided",
            "invoice.marked_uncollectible", "invoice.updated", "invoice.deleted", "invoice.upcoming",
            "invoice_payment.paid", "invoiceitem.created", "credit_note.created", "charge.succeeded", "charge.failed",
            "charge.refunded", "charge.captured", "charge.pending", "charge.updated", "charge.refund.updated",
            "charge.dispute.created", "charge.dispute.closed", "refund.created", "refund.updated",
            "payment_intent.created", "payment_intent.succeeded", "payment_intent.payment_failed",
            "payment_intent.canceled", "payment_intent.processing", "payment_intent.requires_action",
            "checkout.session.completed", "checkout.session.expired", "payment_method.attached",
            "payment_method.detached", "setup_intent.succeeded", "subscription_schedule.created", "product.created",
            "price.created", "plan.created");

    /** The thin events of an event destination: the meter error reports, and the thin forms of invoices and subscriptions. */
    static final Set<String> STRIPE_THIN = Set.of("v1.billing.meter.error_report_triggered",
            "v1.customer.subscription.created", "v1.customer.subscription.updated", "v1.customer.subscription.deleted",
            "v1.customer.subscription.paused", "v1.customer.subscription.resumed", "v1.customer.subscription.trial_will_end",
            "v1.invoice.created", "v1.invoice.finalized", "v1.invoice.finalization_failed", "v1.invoice.sent",
            "v1.invoice.paid", "v1.invoice.payment_succeeded", "v1.invoice.payment_failed",
            "v1.invoice.payment_action_required", "v1.invoice.voided", "v1.invoice.marked_uncollectible",
            "v1.invoice.updated");

    static final Set<String> RETELL = Set.of("call_started", "call_ended", "call_analyzed");

    static final Set<String> CALCOM = Set.of("BOOKING_CREATED", "BOOKING_RESCHEDULED", "BOOKING_CANCELLED",
            "BOOKING_REQUESTED", "BOOKING_REJECTED", "BOOKING_PAID", "MEETING_ENDED");

    @Test
    void theHandlersTogetherDeclareEveryAppliedTypeOnce() {
        List<EventHandler> handlers = handlers();
        assertTrue(handlers.size() >= 7, "handlers found: " + handlers);
        List<CatalogueEntry> entries = EventCatalogue.entries(EventCatalogue.index(handlers));

        Set<String> stripe = new TreeSet<>(STRIPE);
        stripe.addAll(STRIPE_THIN);
        assertEquals(stripe, types(entries, Provider.STRIPE));
        assertEquals(new TreeSet<>(RETELL), types(entries, Provider.RETELL));
        assertEquals(new TreeSet<>(CALCOM), types(entries, Provider.CALCOM));
        for (EventHandler handler : handlers) {
            assertFalse(handler.handles().isEmpty(), handler.getClass() + " declares nothing");
            for (EventType type : handler.handles()) {
                CatalogueEntry entry = entries.stream()
                        .filter(e -> e.provider().equals(type.provider().key()) && e.type().equals(type.name()))
                        .findFirst().orElseThrow();
                assertEquals(handler.getClass().getName(), entry.handler(), entry.type());
                assertEquals(Lane.of(type.provider(), type.name()), entry.lane(), entry.type());
                assertEquals(type.effect(), entry.effect());
            }
        }
    }

    @Test
    void aTypeDeclaredByTwoHandlersIsRefused() {
        EventHandler one = () -> List.of(new EventType(Provider.STRIPE, "invoice.paid", "one", event -> Outcome.applied(1L)));
        EventHandler two = () -> List.of(new EventType(Provider.STRIPE, "invoice.paid", "two", event -> Outcome.applied(2L)));
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> EventCatalogue.index(List.of(one, two)));
        assertTrue(refused.getMessage().contains("stripe invoice.paid"), refused.getMessage());
    }

    @Test
    void everyTypeSaysWhatItDoes() {
        assertThrows(IllegalArgumentException.class,
                () -> new EventType(Provider.RETELL, "call_ended", " ", event -> Outcome.ignored("none")));
    }

    private static Set<String> types(List<CatalogueEntry> entries, Provider provider) {
        return entries.stream().filter(e -> e.provider().equals(provider.key())).map(CatalogueEntry::type)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Every implementation in the main classes, made as the container would before injecting into it. */
    static List<EventHandler> handlers() {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.billhook").stream()
                .filter(type -> type.isAssignableTo(EventHandler.class) && !type.isInterface())
                .map(JavaClass::reflect)
                .map(EventCatalogueTest::instance)
                .toList();
    }

    private static EventHandler instance(Class<?> type) {
        try {
            return (EventHandler) type.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
