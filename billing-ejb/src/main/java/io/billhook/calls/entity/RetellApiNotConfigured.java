package io.billhook.calls.entity;

import jakarta.ejb.ApplicationException;

/** A reconciliation of calls needs Retell's API, and this server has no key for it. */
@ApplicationException
public class RetellApiNotConfigured extends RuntimeException {

    public RetellApiNotConfigured() {
        super("the Retell API is not configured (RETELL_API_KEY): a reconciliation lists Retell's calls");
    }
}
