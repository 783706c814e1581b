package io.billhook.dunning.entity;

/** How far a company's worst open case has escalated; {@code NONE} without one. */
public enum DunningState {
    NONE, GRACE, WARNING, RESTRICTED, SUSPENDED, FINAL;

    public DunningState worse(DunningState other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
