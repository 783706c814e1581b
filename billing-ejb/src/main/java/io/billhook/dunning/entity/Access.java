package io.billhook.dunning.entity;

/** What a company may use of the product while its payments fail; the worst of its open cases decides. */
public enum Access {
    FULL, LIMITED, BLOCKED;

    public Access worse(Access other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
