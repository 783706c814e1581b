package io.billhook.companies.entity;

/** A Stripe customer is now linked to a company: events waiting for that link can be processed. */
public record CustomerLinked(String stripeCustomerId, long companyId) {
}
