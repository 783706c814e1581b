package io.billhook.operations.boundary;

import io.billhook.Jndi;
import io.billhook.companies.entity.AssignedNumber;
import io.billhook.companies.entity.CalcomMapping;
import io.billhook.operations.control.Rows;
import io.billhook.operations.entity.CompanyBillingView;
import io.billhook.operations.entity.CompanyBillingView.BillingPeriod;
import io.billhook.operations.entity.CompanyBillingView.Booking;
import io.billhook.operations.entity.CompanyBillingView.Call;
import io.billhook.operations.entity.CompanyBillingView.Charge;
import io.billhook.operations.entity.CompanyBillingView.Company;
import io.billhook.operations.entity.CompanyBillingView.Customer;
import io.billhook.operations.entity.CompanyBillingView.Dispute;
import io.billhook.operations.entity.CompanyBillingView.Invoice;
import io.billhook.operations.entity.CompanyBillingView.Payment;
import io.billhook.operations.entity.CompanyBillingView.Refund;
import io.billhook.operations.entity.CompanyBillingView.Subscription;
import io.billhook.operations.entity.CompanyBillingView.SubscriptionItem;
import io.billhook.operations.entity.CompanyBillingView.Usage;
import io.billhook.operations.entity.CompanyBillingView.UsageRecord;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A company's billing as the providers' events left it: its customers, subscriptions (with items), billing
 * periods, invoices, charges, refunds, disputes and payments, with Stripe ids, statuses, amounts in minor
 * units, currencies and the key times; its phone numbers and Cal.com mappings; its call usage (reported to
 * Stripe or not), calls and bookings. Read-only; columns are named as the record components they fill.
 */
@Stateless
public class CompanyBilling {

    @Resource(lookup = Jndi.DATA_SOURCE)
    DataSource dataSource;

    public Optional<CompanyBillingView> of(long companyId) {
        try (Connection db = dataSource.getConnection()) {
            List<Company> company = Rows.of(db, Company.class, """
                    SELECT id, name, created_at AS "createdAt" FROM company WHERE id = ?""", companyId);
            if (company.isEmpty()) {
                return Optional.empty();
            }
            List<Customer> customers = Rows.of(db, Customer.class, """
                    SELECT stripe_customer_id AS "stripeCustomerId", email, name, deleted_at AS "deletedAt"
                      FROM stripe_customer WHERE company_id = ? ORDER BY stripe_customer_id""", companyId);
            List<Subscription> subscriptions = new ArrayList<>();
            for (Subscription subscription : Rows.of(db, Subscription.class, """
                    SELECT stripe_subscription_id AS "stripeSubscriptionId", stripe_customer_id AS "stripeCustomerId",
                           status, cancel_at_period_end AS "cancelAtPeriodEnd", current_period_start AS "currentPeriodStart",
                           current_period_end AS "currentPeriodEnd", trial_end AS "trialEnd", canceled_at AS "canceledAt",
                           ended_at AS "endedAt", cancellation_reason AS "cancellationReason",
                           next_invoice_amount AS "nextInvoiceAmount", next_invoice_currency AS "nextInvoiceCurrency",
                           next_invoice_at AS "nextInvoiceAt", latest_invoice_id AS "latestInvoiceId", updated_at AS "updatedAt"
                      FROM subscription WHERE company_id = ? ORDER BY stripe_subscription_id""", companyId)) {
                subscriptions.add(subscription.withItems(Rows.of(db, SubscriptionItem.class, """
                        SELECT stripe_subscription_item_id AS "stripeSubscriptionItemId", price_id AS "priceId",
                               product_id AS "productId", quantity, unit_amount AS "unitAmount", currency, interval, metered
                          FROM subscription_item WHERE stripe_subscription_id = ? ORDER BY stripe_subscription_item_id""",
                        subscription.stripeSubscriptionId())));
            }
            List<BillingPeriod> billingPeriods = Rows.of(db, BillingPeriod.class, """
                    SELECT p.id, p.stripe_subscription_id AS "stripeSubscriptionId", p.period_start AS "periodStart",
                           p.period_end AS "periodEnd", p.status,
                           (SELECT i.stripe_invoice_id FROM invoice i WHERE i.billing_period_id = p.id LIMIT 1) AS "stripeInvoiceId"
                      FROM billing_period p WHERE p.company_id = ? ORDER BY p.period_start, p.id""", companyId);
            List<Invoice> invoices = Rows.of(db, Invoice.class, """
                    SELECT stripe_invoice_id AS "stripeInvoiceId", number, status, stripe_subscription_id AS "stripeSubscriptionId",
                           billing_period_id AS "billingPeriodId", currency, amount_due AS "amountDue", amount_paid AS "amountPaid",
                           amount_remaining AS "amountRemaining", attempt_count AS "attemptCount",
                           payment_failed AS "paymentFailed", next_payment_attempt AS "nextPaymentAttempt",
                           billing_reason AS "billingReason", hosted_invoice_url AS "hostedInvoiceUrl",
                           finalized_at AS "finalizedAt", sent_at AS "sentAt", paid_at AS "paidAt", voided_at AS "voidedAt",
                           deleted, stripe_created_at AS "createdAt"
                      FROM invoice WHERE company_id = ? ORDER BY stripe_created_at NULLS LAST, id""", companyId);
            List<Charge> charges = Rows.of(db, Charge.class, """
                    SELECT c.stripe_charge_id AS "stripeChargeId", c.status, c.amount, c.amount_captured AS "amountCaptured",
                           c.amount_refunded AS "amountRefunded", c.amount > 0 AND c.amount_refunded >= c.amount AS refunded,
                           c.currency, c.captured, c.disputed, c.failure_code AS "failureCode",
                           c.failure_message AS "failureMessage", c.description,
                           c.stripe_payment_intent_id AS "stripePaymentIntentId",
                           (SELECT r.parent_id FROM stripe_record r WHERE r.object_type = 'invoice_payment'
                                AND r.related_id = c.stripe_payment_intent_id LIMIT 1) AS "stripeInvoiceId",
                           c.stripe_created_at AS "createdAt"
                      FROM charge c WHERE c.company_id = ? ORDER BY c.stripe_created_at NULLS LAST""", companyId);
            List<Refund> refunds = Rows.of(db, Refund.class, """
                    SELECT stripe_refund_id AS "stripeRefundId", stripe_charge_id AS "stripeChargeId", status, amount, currency,
                           reason, updated_at AS "updatedAt"
                      FROM refund WHERE company_id = ? ORDER BY stripe_refund_id""", companyId);
            List<Dispute> disputes = Rows.of(db, Dispute.class, """
                    SELECT stripe_dispute_id AS "stripeDisputeId", stripe_charge_id AS "stripeChargeId", status, amount,
                           currency, reason
                      FROM dispute WHERE company_id = ? ORDER BY stripe_dispute_id""", companyId);
            List<Payment> payments = Rows.of(db, Payment.class, """
                    SELECT stripe_payment_intent_id AS "stripePaymentIntentId", status, amount, amount_received AS "amountReceived",
                           currency, last_error_code AS "lastErrorCode"
                      FROM payment WHERE company_id = ? ORDER BY stripe_payment_intent_id""", companyId);
            List<AssignedNumber> phoneNumbers = Rows.of(db, AssignedNumber.class, """
                    SELECT e164 AS number, label FROM phone_number WHERE company_id = ? ORDER BY e164""", companyId);
            List<CalcomMapping> calcomMappings = Rows.of(db, CalcomMapping.class, """
                    SELECT kind, value FROM calcom_mapping WHERE company_id = ? ORDER BY kind, value""", companyId);
            Usage usage = usage(db, companyId);
            List<Call> calls = Rows.of(db, Call.class, """
                    SELECT call_id AS "callId", status, direction, from_number AS "fromNumber", to_number AS "toNumber",
                           started_at AS "startedAt", ended_at AS "endedAt", duration_ms AS "durationMs",
                           disconnection_reason AS "disconnectionReason", cost_cents AS "costCents", summary, sentiment
                      FROM call WHERE company_id = ? ORDER BY started_at DESC NULLS LAST, call_id LIMIT 100""", companyId);
            List<Booking> bookings = Rows.of(db, Booking.class, """
                    SELECT uid, booking_id AS "bookingId", status, title, event_type_id AS "eventTypeId",
                           start_time AS "startTime", end_time AS "endTime", organizer_email AS "organizerEmail",
                           attendee_name AS "attendeeName", attendee_email AS "attendeeEmail",
                           attendee_phone AS "attendeePhone", rescheduled_from AS "rescheduledFrom",
                           rescheduled_to AS "rescheduledTo", cancellation_reason AS "cancellationReason", paid,
                           meeting_ended_at AS "meetingEndedAt"
                      FROM booking WHERE company_id = ? ORDER BY start_time DESC NULLS LAST, uid LIMIT 100""", companyId);
            return Optional.of(new CompanyBillingView(company.get(0), customers, subscriptions, billingPeriods, invoices,
                    charges, refunds, disputes, payments, phoneNumbers, calcomMappings, usage, calls, bookings));
        } catch (SQLException e) {
            throw new IllegalStateException("the billing of company " + companyId + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Usage totals, reported and not, and the most recent records. */
    private static Usage usage(Connection db, long companyId) throws SQLException {
        Usage totals = Rows.of(db, Usage.class, """
                SELECT coalesce(sum(billable_seconds) FILTER (WHERE reported_at IS NOT NULL), 0)::bigint AS "reportedSeconds",
                       coalesce(sum(billable_seconds) FILTER (WHERE reported_at IS NULL), 0)::bigint AS "unreportedSeconds",
                       count(*) FILTER (WHERE reported_at IS NOT NULL) AS "reportedRecords",
                       count(*) FILTER (WHERE reported_at IS NULL) AS "unreportedRecords",
                       count(*) FILTER (WHERE unbillable) AS "unbillableRecords"
                  FROM call_usage WHERE company_id = ?""", companyId).get(0);
        return totals.withRecords(Rows.of(db, UsageRecord.class, """
                SELECT id, call_id AS "callId", billable_seconds AS "billableSeconds", occurred_at AS "occurredAt",
                       reported_at AS "reportedAt", stripe_customer_id AS "stripeCustomerId",
                       report_attempts AS "reportAttempts", last_report_error AS "lastReportError", unbillable,
                       next_report_at AS "nextReportAt"
                  FROM call_usage WHERE company_id = ? ORDER BY id DESC LIMIT 100""", companyId));
    }
}
