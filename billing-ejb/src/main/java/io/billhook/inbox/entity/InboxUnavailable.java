package io.billhook.inbox.entity;

/** The delivery could not be stored durably now; the sender should try again later. */
public class InboxUnavailable extends RuntimeException {
    public InboxUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    public InboxUnavailable(String message) {
        super(message);
    }
}
