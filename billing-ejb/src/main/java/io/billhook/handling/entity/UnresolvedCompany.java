package io.billhook.handling.entity;

import io.billhook.Causes;
import jakarta.ejb.ApplicationException;
import java.util.Optional;

/**
 * No company can be found for an event yet: the event is quarantined under {@link #key()} until that key is
 * linked to a company.
 */
@ApplicationException(rollback = true)
public class UnresolvedCompany extends RuntimeException {

    private final QuarantineKey key;

    /** {@code key} null: nothing would resolve it but an operator's retry after a fix. */
    public UnresolvedCompany(QuarantineKey key, String message) {
        super(message);
        this.key = key;
    }

    public QuarantineKey key() {
        return key;
    }

    /** The unresolved company somewhere in {@code error}'s causes, if that is what it is. */
    public static Optional<UnresolvedCompany> in(Throwable error) {
        return Causes.find(error, UnresolvedCompany.class);
    }
}
