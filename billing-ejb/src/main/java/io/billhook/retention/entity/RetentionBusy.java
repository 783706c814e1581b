package io.billhook.retention.entity;

import jakarta.ejb.ApplicationException;

/** A retention pass was asked for while one runs, on this node or another. */
@ApplicationException
public class RetentionBusy extends RuntimeException {
    public RetentionBusy(String where) {
        super("a retention pass is running " + where + "; try again when it is done");
    }
}
