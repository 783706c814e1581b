package io.billhook.inbox.entity;

import jakarta.ejb.ApplicationException;

/** An operator asked to process again an event whose payload retention has redacted: there is nothing to apply. */
@ApplicationException(rollback = true)
public class PayloadRedacted extends RuntimeException {
    public PayloadRedacted(long id) {
        super("webhook event " + id + " cannot be processed again: retention redacted its payload");
    }
}
