package io.billhook.operations.entity;

import jakarta.ejb.ApplicationException;

@ApplicationException(rollback = true)
public class UnknownWebhookEvent extends RuntimeException {
    public UnknownWebhookEvent(long id) {
        super("no webhook event " + id);
    }
}
