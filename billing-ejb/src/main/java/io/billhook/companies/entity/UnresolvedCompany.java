package io.billhook.companies.entity;

import io.billhook.Causes;
import jakarta.ejb.ApplicationException;
import java.util.Optional;

/**
 * No company can be found for an event yet. {@code key} names what would resolve it: a Stripe customer id,
 * {@code phone:<E.164>} or {@code calcom:<kind>:<value>}; the event is quarantined until that key is linked.
 */
@ApplicationException(rollback = true)
public class UnresolvedCompany extends RuntimeException {

    private final String key;

    public UnresolvedCompany(String key, String message) {
        super(message);
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The unresolved company somewhere in {@code error}'s causes, if that is what it is. */
    public static Optional<UnresolvedCompany> in(Throwable error) {
        return Causes.find(error, UnresolvedCompany.class);
    }
}
