package io.billhook.handling.entity;

import io.billhook.Causes;
import jakarta.ejb.ApplicationException;

/**
 * An event that can never succeed as it is (a payload that contradicts its type, say): it goes to
 * FAILED at once instead of using up retries. Anything else that fails is presumed transient.
 */
@ApplicationException(rollback = true)
public class PermanentFailure extends IllegalArgumentException {
    public PermanentFailure(String message, Throwable cause) {
        super(message, cause);
    }

    public PermanentFailure(String message) {
        super(message);
    }

    public static boolean isPermanent(Throwable error) {
        return Causes.find(error, PermanentFailure.class).isPresent();
    }
}
