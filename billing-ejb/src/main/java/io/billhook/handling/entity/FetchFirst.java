package io.billhook.handling.entity;

import jakarta.ejb.ApplicationException;

/**
 * An event needs something from outside (the Stripe API) before it can be applied. Thrown inside the processing
 * transaction, which rolls back; the processor then runs {@link #fetch()} with no transaction open and applies the
 * event again, and the handler finds what was fetched. A slow or hanging API so never holds a transaction, a row
 * lock or a database connection.
 */
@ApplicationException(rollback = true)
public class FetchFirst extends RuntimeException {

    private final transient Runnable fetch;

    public FetchFirst(String what, Runnable fetch) {
        super(what, null, false, false);
        this.fetch = fetch;
    }

    /** Fetches and keeps what the event needs; a failure is the event's failure (transient for an outage). */
    public void fetch() {
        fetch.run();
    }
}
