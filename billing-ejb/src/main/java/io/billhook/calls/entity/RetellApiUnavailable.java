package io.billhook.calls.entity;

import jakarta.ejb.ApplicationException;

/** Retell's list of calls could not be read (down, refusing, its circuit open); what was stored before stays. */
@ApplicationException
public class RetellApiUnavailable extends RuntimeException {

    public RetellApiUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
