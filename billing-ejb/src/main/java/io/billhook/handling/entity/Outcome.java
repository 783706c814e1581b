package io.billhook.handling.entity;

/** What a handler did with an event: applied it to a company, or had nothing to do. */
public record Outcome(boolean applied, Long companyId, String reason) {

    public static Outcome applied(Long companyId) {
        return new Outcome(true, companyId, null);
    }

    public static Outcome ignored(String reason) {
        return new Outcome(false, null, reason);
    }
}
