package io.billhook.companies.boundary;

import io.billhook.Jndi;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A company's billing as the providers' events left it: its customers, subscriptions (with items), billing
 * periods, invoices, charges, refunds, disputes and payments, with Stripe ids, statuses, amounts in minor
 * units, currencies and the key times; its phone numbers and Cal.com mappings; its call usage (reported to
 * Stripe or not), calls and bookings. Read-only; columns are named as the JSON shows them.
 */
@Stateless
public class CompanyBilling {

    @Resource(lookup = Jndi.DATA_SOURCE)
    DataSource dataSource;

    public Optional<Map<String, Object>> of(long companyId) {
        try (Connection db = dataSource.getConnection()) {
            List<Map<String, Object>> company = rows(db, """
                    SELECT id, name, created_at AS "createdAt" FROM company WHERE id = ?""", companyId);
            if (company.isEmpty()) {
                return Optional.empty();
            }
            Map<String, Object> billing = new LinkedHashMap<>();
            billing.put("company", company.get(0));
            billing.put("customers", rows(db, """
                    SELECT stripe_customer_id AS "stripeCustomerId", email, name, deleted_at AS "deletedAt"
                      FROM stripe_customer WHERE company_id = ? ORDER BY stripe_customer_id""", companyId));
            List<Map<String, Object>> subscriptions = rows(db, """
                    SELECT stripe_subscription_id AS "stripeSubscriptionId", stripe_customer_id AS "stripeCustomerId",
                           status, cancel_at_period_end AS "cancelAtPeriodEnd", current_period_start AS "currentPeriodStart",
                           current_period_end AS "currentPeriodEnd", trial_end AS "trialEnd", canceled_at AS "canceledAt",
                           ended_at AS "endedAt", cancellation_reason AS "cancellationReason",
                           next_invoice_amount AS "nextInvoiceAmount", next_invoice_currency AS "nextInvoiceCurrency",
                           next_invoice_at AS "nextInvoiceAt", latest_invoice_id AS "latestInvoiceId", updated_at AS "updatedAt"
                      FROM subscription WHERE company_id = ? ORDER BY stripe_subscription_id""", companyId);
            for (Map<String, Object> subscription : subscriptions) {
                subscription.put("items", rows(db, """
                        SELECT stripe_subscription_item_id AS "stripeSubscriptionItemId", price_id AS "priceId",
                               product_id AS "productId", quantity, unit_amount AS "unitAmount", currency, interval, metered
                          FROM subscription_item WHERE stripe_subscription_id = ? ORDER BY stripe_subscription_item_id""",
                        subscription.get("stripeSubscriptionId")));
            }
            billing.put("subscriptions", subscriptions);
            billing.put("billingPeriods", rows(db, """
                    SELECT p.id, p.stripe_subscription_id AS "stripeSubscriptionId", p.period_start AS "periodStart",
                           p.period_end AS "periodEnd", p.status,
                           (SELECT i.stripe_invoice_id FROM invoice i WHERE i.billing_period_id = p.id LIMIT 1) AS "stripeInvoiceId"
                      FROM billing_period p WHERE p.company_id = ? ORDER BY p.period_start, p.id""", companyId));
            billing.put("invoices", rows(db, """
                    SELECT stripe_invoice_id AS "stripeInvoiceId", number, status, stripe_subscription_id AS "stripeSubscriptionId",
                           billing_period_id AS "billingPeriodId", currency, amount_due AS "amountDue", amount_paid AS "amountPaid",
                           amount_remaining AS "amountRemaining", attempt_count AS "attemptCount",
                           payment_failed AS "paymentFailed", next_payment_attempt AS "nextPaymentAttempt",
                           billing_reason AS "billingReason", hosted_invoice_url AS "hostedInvoiceUrl",
                           finalized_at AS "finalizedAt", sent_at AS "sentAt", paid_at AS "paidAt", voided_at AS "voidedAt",
                           deleted, stripe_created_at AS "createdAt"
                      FROM invoice WHERE company_id = ? ORDER BY stripe_created_at NULLS LAST, id""", companyId));
            billing.put("charges", rows(db, """
                    SELECT c.stripe_charge_id AS "stripeChargeId", c.status, c.amount, c.amount_captured AS "amountCaptured",
                           c.amount_refunded AS "amountRefunded", c.amount > 0 AND c.amount_refunded >= c.amount AS refunded,
                           c.currency, c.captured, c.disputed, c.failure_code AS "failureCode",
                           c.failure_message AS "failureMessage", c.description,
                           c.stripe_payment_intent_id AS "stripePaymentIntentId",
                           (SELECT r.parent_id FROM stripe_record r WHERE r.object_type = 'invoice_payment'
                                AND r.related_id = c.stripe_payment_intent_id LIMIT 1) AS "stripeInvoiceId",
                           c.stripe_created_at AS "createdAt"
                      FROM charge c WHERE c.company_id = ? ORDER BY c.stripe_created_at NULLS LAST""", companyId));
            billing.put("refunds", rows(db, """
                    SELECT stripe_refund_id AS "stripeRefundId", stripe_charge_id AS "stripeChargeId", status, amount, currency,
                           reason, updated_at AS "updatedAt"
                      FROM refund WHERE company_id = ? ORDER BY stripe_refund_id""", companyId));
            billing.put("disputes", rows(db, """
                    SELECT stripe_dispute_id AS "stripeDisputeId", stripe_charge_id AS "stripeChargeId", status, amount,
                           currency, reason
                      FROM dispute WHERE company_id = ? ORDER BY stripe_dispute_id""", companyId));
            billing.put("payments", rows(db, """
                    SELECT stripe_payment_intent_id AS "stripePaymentIntentId", status, amount, amount_received AS "amountReceived",
                           currency, last_error_code AS "lastErrorCode"
                      FROM payment WHERE company_id = ? ORDER BY stripe_payment_intent_id""", companyId));
            billing.put("phoneNumbers", rows(db, """
                    SELECT e164 AS number, label FROM phone_number WHERE company_id = ? ORDER BY e164""", companyId));
            billing.put("calcomMappings", rows(db, """
                    SELECT kind, value FROM calcom_mapping WHERE company_id = ? ORDER BY kind, value""", companyId));
            billing.put("usage", usage(db, companyId));
            billing.put("calls", rows(db, """
                    SELECT call_id AS "callId", status, direction, from_number AS "fromNumber", to_number AS "toNumber",
                           started_at AS "startedAt", ended_at AS "endedAt", duration_ms AS "durationMs",
                           disconnection_reason AS "disconnectionReason", cost_cents AS "costCents", summary, sentiment
                      FROM call WHERE company_id = ? ORDER BY started_at DESC NULLS LAST, call_id LIMIT 100""", companyId));
            billing.put("bookings", rows(db, """
                    SELECT uid, booking_id AS "bookingId", status, title, event_type_id AS "eventTypeId",
                           start_time AS "startTime", end_time AS "endTime", organizer_email AS "organizerEmail",
                           attendee_name AS "attendeeName", attendee_email AS "attendeeEmail",
                           attendee_phone AS "attendeePhone", rescheduled_from AS "rescheduledFrom",
                           rescheduled_to AS "rescheduledTo", cancellation_reason AS "cancellationReason", paid,
                           meeting_ended_at AS "meetingEndedAt"
                      FROM booking WHERE company_id = ? ORDER BY start_time DESC NULLS LAST, uid LIMIT 100""", companyId));
            return Optional.of(billing);
        } catch (SQLException e) {
            throw new IllegalStateException("the billing of company " + companyId + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Usage totals, reported and not, and the most recent records. */
    private static Map<String, Object> usage(Connection db, long companyId) throws SQLException {
        Map<String, Object> usage = new LinkedHashMap<>(rows(db, """
                SELECT coalesce(sum(billable_seconds) FILTER (WHERE reported_at IS NOT NULL), 0) AS "reportedSeconds",
                       coalesce(sum(billable_seconds) FILTER (WHERE reported_at IS NULL), 0) AS "unreportedSeconds",
                       count(*) FILTER (WHERE reported_at IS NOT NULL) AS "reportedRecords",
                       count(*) FILTER (WHERE reported_at IS NULL) AS "unreportedRecords"
                  FROM call_usage WHERE company_id = ?""", companyId).get(0));
        usage.put("records", rows(db, """
                SELECT id, call_id AS "callId", billable_seconds AS "billableSeconds", occurred_at AS "occurredAt",
                       reported_at AS "reportedAt", stripe_customer_id AS "stripeCustomerId",
                       report_attempts AS "reportAttempts", last_report_error AS "lastReportError"
                  FROM call_usage WHERE company_id = ? ORDER BY id DESC LIMIT 100""", companyId));
        return usage;
    }

    private static List<Map<String, Object>> rows(Connection db, String sql, Object parameter) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                ResultSetMetaData columns = rows.getMetaData();
                List<Map<String, Object>> result = new ArrayList<>();
                while (rows.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= columns.getColumnCount(); i++) {
                        row.put(columns.getColumnLabel(i), value(rows, i, columns.getColumnTypeName(i)));
                    }
                    result.add(row);
                }
                return result;
            }
        }
    }

    private static Object value(ResultSet rows, int column, String type) throws SQLException {
        if ("timestamptz".equals(type)) {
            OffsetDateTime time = rows.getObject(column, OffsetDateTime.class);
            return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC).toString();
        }
        return rows.getObject(column);
    }
}
