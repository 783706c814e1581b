package io.billhook.billing.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.billhook.stripe.entity.Money;
import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

class InvoiceRulesTest {

    @Test
    void theLifecycleStepsAreOrdered() {
        assertTrue(InvoiceStatus.DRAFT.rank() < InvoiceStatus.OPEN.rank());
        assertTrue(InvoiceStatus.OPEN.rank() < InvoiceStatus.UNCOLLECTIBLE.rank());
        assertTrue(InvoiceStatus.UNCOLLECTIBLE.rank() < InvoiceStatus.PAID.rank());
        assertEquals(InvoiceStatus.PAID.rank(), InvoiceStatus.VOID.rank(), "both final");
    }

    @Test
    void aLateFinalizedEventDoesNotReopenAPaidInvoiceButFillsWhatItKnows() throws ReflectiveOperationException {
        Invoice invoice = invoice(InvoiceStatus.DRAFT, 42);
        invoice.accept(snapshot(InvoiceStatus.PAID, 4900, 1, null), 200);
        assertFalse(invoice.accept(snapshot(InvoiceStatus.OPEN, 0, 0, "0001"), 100));
        assertEquals(InvoiceStatus.PAID, invoice.status());
        assertEquals(4900, invoice.amountPaid().minorUnits());
        assertEquals("0001", invoice.number());
    }

    @Test
    void withinOneStatusTheNewerEventWinsAndAttemptsOnlyGrow() throws ReflectiveOperationException {
        Invoice invoice = invoice(InvoiceStatus.DRAFT, 42);
        invoice.accept(snapshot(InvoiceStatus.OPEN, 0, 2, "0001"), 300);
        assertFalse(invoice.accept(snapshot(InvoiceStatus.OPEN, 0, 1, "0001"), 200));
        assertEquals(2, invoice.attemptCount());
        assertTrue(invoice.accept(snapshot(InvoiceStatus.OPEN, 0, 2, "0001"), 300));
    }

    @Test
    void aFailedPaymentMarksThePeriodUntilTheInvoiceIsPaid() throws ReflectiveOperationException {
        Invoice invoice = invoice(InvoiceStatus.DRAFT, 42);
        BillingPeriod period = period(7L, 42);
        invoice.accept(snapshot(InvoiceStatus.OPEN, 0, 1, "0002"), 100);
        invoice.paymentFailed();
        period.attach(invoice);
        assertEquals(BillingPeriodStatus.PAYMENT_FAILED, period.status());
        invoice.accept(snapshot(InvoiceStatus.PAID, 4900, 2, "0002"), 200);
        period.follow(invoice);
        assertEquals(BillingPeriodStatus.PAID, period.status());
    }

    @Test
    void onlyADraftCanBeDeleted() throws ReflectiveOperationException {
        Invoice open = invoice(InvoiceStatus.OPEN, 42);
        open.deleted();
        assertFalse(open.isDeleted());
        Invoice draft = invoice(InvoiceStatus.DRAFT, 42);
        draft.deleted();
        assertTrue(draft.isDeleted());
    }

    private static InvoiceSnapshot snapshot(InvoiceStatus status, long paid, int attempts, String number) {
        return new InvoiceSnapshot(status, Money.of(4900L, "usd"), Money.of(paid, "usd"), Money.of(4900 - paid, "usd"),
                attempts, null, number, "sub_1", "subscription_cycle", null, null, null, null, null);
    }

    @Test
    void aPeriodFollowsTheStatusOfTheInvoiceAttachedToIt() throws ReflectiveOperationException {
        Invoice invoice = invoice(InvoiceStatus.OPEN, 42);
        BillingPeriod period = period(7L, 42);
        period.attach(invoice);
        assertEquals(7L, invoice.billingPeriodId());
        assertEquals(BillingPeriodStatus.OPEN, period.status());
    }

    @Test
    void aPeriodRefusesAnotherCompanysInvoice() throws ReflectiveOperationException {
        assertThrows(IllegalArgumentException.class, () -> period(7L, 42).attach(invoice(InvoiceStatus.OPEN, 17)));
    }

    @Test
    void moneyKeepsMinorUnitsAndUpperCaseCurrency() {
        assertEquals(new Money(4900, "USD"), Money.of(4900L, "usd"));
        assertEquals(0, Money.of(null, "eur").minorUnits());
    }

    private static Invoice invoice(InvoiceStatus status, long companyId) throws ReflectiveOperationException {
        Invoice invoice = new Invoice();
        set(invoice, "status", status);
        set(invoice, "companyId", companyId);
        set(invoice, "stripeInvoiceId", "in_test");
        return invoice;
    }

    private static BillingPeriod period(Long id, long companyId) throws ReflectiveOperationException {
        BillingPeriod period = new BillingPeriod();
        set(period, "id", id);
        set(period, "companyId", companyId);
        set(period, "status", BillingPeriodStatus.PENDING);
        return period;
    }

    private static void set(Object target, String field, Object value) throws ReflectiveOperationException {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }
}
