-- Whether the last failure may go away by itself (database or API unavailable, not yet known customer):
-- such FAILED events are retried by the slow tier until the horizon.
ALTER TABLE webhook_event ADD COLUMN last_failure_transient boolean;
CREATE INDEX webhook_event_failed_transient_idx ON webhook_event (processed_at)
    WHERE status = 'FAILED' AND last_failure_transient;
