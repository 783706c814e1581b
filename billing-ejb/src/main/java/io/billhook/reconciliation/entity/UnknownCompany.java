package io.billhook.reconciliation.entity;

import jakarta.ejb.ApplicationException;

/** A reconciliation of a company this server does not know. */
@ApplicationException
public class UnknownCompany extends RuntimeException {

    public UnknownCompany(long companyId) {
        super("no company " + companyId);
    }
}
