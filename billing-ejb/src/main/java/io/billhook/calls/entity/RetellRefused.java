package io.billhook.calls.entity;

/** Retell refused a request (4xx but 429): an answer, neither retried nor counted against the circuit. */
public class RetellRefused extends RuntimeException {

    public RetellRefused(String message) {
        super(message);
    }
}
