package io.billhook.inbox.entity;

import jakarta.ejb.ApplicationException;

/** A retry of an event whose effect is applied, without force. */
@ApplicationException(rollback = true)
public class AlreadyProcessed extends RuntimeException {
    public AlreadyProcessed(long id) {
        super("webhook event " + id + " is already PROCESSED; retry with force=true to apply it again");
    }
}
