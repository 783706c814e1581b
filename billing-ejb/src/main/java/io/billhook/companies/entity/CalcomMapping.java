package io.billhook.companies.entity;

/** A Cal.com organizer (email), team or event type (id) mapped to a company. */
public record CalcomMapping(String kind, String value) {
}
