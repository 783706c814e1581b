package io.billhook.stripe.control;

import com.stripe.exception.EventDataObjectDeserializationException;
import com.stripe.model.Charge;
import com.stripe.model.Event;
import com.stripe.model.Invoice;
import com.stripe.model.StripeObject;
import com.stripe.model.Subscription;
import com.stripe.model.SubscriptionItem;
import io.billhook.stripe.entity.Money;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The fields an operator searches the log for when a customer asks about an invoice, a charge or a
 * subscription. Amounts are decimals in major units, currencies upper-case, periods ISO instants.
 */
public final class StripeDetail {

    private StripeDetail() {
    }

    /** The detail of an invoice, charge or subscription event; empty for any other event. */
    public static Optional<Map<String, String>> of(Event event) {
        StripeObject object;
        try {
            object = StripePayloads.dataObject(event);
        } catch (EventDataObjectDeserializationException | RuntimeException unreadable) {
            return Optional.empty();
        }
        if (object instanceof Invoice invoice) {
            return Optional.of(invoice(invoice));
        }
        if (object instanceof Charge charge) {
            return Optional.of(charge(charge));
        }
        if (object instanceof Subscription subscription) {
            return Optional.of(subscription(subscription));
        }
        return Optional.empty();
    }

    static Map<String, String> invoice(Invoice invoice) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("invoice_id", invoice.getId());
        fields.put("customer_id", invoice.getCustomer());
        fields.put("subscription_id", invoice.getParent() == null || invoice.getParent().getSubscriptionDetails() == null
                ? null : invoice.getParent().getSubscriptionDetails().getSubscription());
        putMoney(fields, "amount_due", invoice.getAmountDue(), invoice.getCurrency());
        putMoney(fields, "amount_paid", invoice.getAmountPaid(), invoice.getCurrency());
        fields.put("status", invoice.getStatus());
        fields.put("billing_reason", invoice.getBillingReason());
        return withoutNulls(fields);
    }

    static Map<String, String> charge(Charge charge) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("charge_id", charge.getId());
        fields.put("customer_id", charge.getCustomer());
        fields.put("payment_intent_id", charge.getPaymentIntent());
        putMoney(fields, "amount", charge.getAmount(), charge.getCurrency());
        putMoney(fields, "amount_refunded", charge.getAmountRefunded(), charge.getCurrency());
        fields.put("status", charge.getStatus());
        fields.put("failure_code", charge.getFailureCode());
        return withoutNulls(fields);
    }

    /** Since API version 2025-03-31 the current period lives on the subscription items. */
    static Map<String, String> subscription(Subscription subscription) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("subscription_id", subscription.getId());
        fields.put("customer_id", subscription.getCustomer());
        fields.put("status", subscription.getStatus());
        if (subscription.getCurrency() != null) {
            fields.put("currency", subscription.getCurrency().toUpperCase(Locale.ROOT));
        }
        firstItem(subscription).ifPresent(item -> {
            fields.put("current_period_start", iso(item.getCurrentPeriodStart()));
            fields.put("current_period_end", iso(item.getCurrentPeriodEnd()));
        });
        fields.put("cancel_at_period_end", subscription.getCancelAtPeriodEnd() == null ? null
                : subscription.getCancelAtPeriodEnd().toString());
        return withoutNulls(fields);
    }

    private static Optional<SubscriptionItem> firstItem(Subscription subscription) {
        if (subscription.getItems() == null || subscription.getItems().getData() == null) {
            return Optional.empty();
        }
        return subscription.getItems().getData().stream().findFirst();
    }

    private static void putMoney(Map<String, String> fields, String name, Long minorUnits, String currency) {
        if (minorUnits == null || currency == null) {
            return;
        }
        Money money = Money.of(minorUnits, currency);
        fields.put(name, money.major().toPlainString());
        fields.put("currency", money.currency());
    }

    private static String iso(Long epochSeconds) {
        return epochSeconds == null ? null : StripePayloads.time(epochSeconds).toInstant().toString();
    }

    private static Map<String, String> withoutNulls(Map<String, String> fields) {
        fields.values().removeIf(Objects::isNull);
        return fields;
    }
}
