package io.billhook.backfill.entity;

/** RUNNING until its last page is stored (also across a restart, which resumes it); FAILED keeps its error. */
public enum BackfillStatus {
    RUNNING, FINISHED, FAILED
}
