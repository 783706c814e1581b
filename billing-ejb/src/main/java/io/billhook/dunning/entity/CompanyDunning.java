package io.billhook.dunning.entity;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * A company's dunning: its state and access (those of its worst open case), its open cases, and what ran: every
 * step of every case, and the cases that closed.
 */
public record CompanyDunning(long companyId, DunningState state, Access access, List<OpenCase> openCases,
                             List<StepRun> history, List<ClosedCase> closed) {

    public CompanyDunning {
        openCases = List.copyOf(openCases);
        history = List.copyOf(history);
        closed = List.copyOf(closed);
    }

    /**
     * {@code step}: the last step run (null before the first); {@code nextStep}, {@code nextStepAt}: the one to come;
     * {@code pausedUntil}: when a pause ends by itself (null while not paused, or paused until resumed).
     */
    public record OpenCase(String invoice, Long amountDue, String currency, OffsetDateTime openedAt, String policyVersion,
                           String step, DunningState state, Access access, String nextStep, OffsetDateTime nextStepAt,
                           boolean paused, OffsetDateTime pausedUntil) {
    }

    public record StepRun(String invoice, String step, DunningState state, Access access, OffsetDateTime ranAt,
                          boolean skipped) {
    }

    public record ClosedCase(String invoice, OffsetDateTime openedAt, OffsetDateTime closedAt, String reason) {
    }
}
