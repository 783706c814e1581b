package io.billhook.webhooks.entity;

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
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof PermanentFailure) {
                return true;
            }
        }
        return false;
    }
}
