package io.billhook.companies.entity;

/**
 * Something by which events find their company (a Stripe customer, a phone number, a Cal.com mapping: see
 * {@link UnresolvedCompany#key()}) is now linked to one: events quarantined for that key can be processed.
 */
public record CompanyKeyLinked(String key, long companyId) {
}
