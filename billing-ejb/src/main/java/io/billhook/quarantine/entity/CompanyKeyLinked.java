package io.billhook.quarantine.entity;

import io.billhook.handling.entity.QuarantineKey;

/**
 * Something by which events find their company (a Stripe customer, a phone number, a Cal.com mapping) is now
 * linked to one: the events quarantined for that key can be processed. Fired inside the linking transaction.
 */
public record CompanyKeyLinked(QuarantineKey key, long companyId) {
}
