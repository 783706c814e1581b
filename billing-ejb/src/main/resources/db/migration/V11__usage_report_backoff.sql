-- Usage records are claimed by one node at a time and back off on their own schedule: one that keeps failing
-- no longer holds the window every record behind it waits in. One Stripe cannot take is marked unbillable.
ALTER TABLE call_usage ADD COLUMN next_report_at timestamptz,
                       ADD COLUMN unbillable boolean NOT NULL DEFAULT false;
DROP INDEX call_usage_unreported_idx;
CREATE INDEX call_usage_due_idx ON call_usage (next_report_at NULLS FIRST, id) WHERE reported_at IS NULL AND NOT unbillable;

COMMENT ON COLUMN call_usage.next_report_at IS 'not reported before this: a claim''s lease, or the back-off after a failure';
COMMENT ON COLUMN call_usage.unbillable IS 'Stripe cannot take it (refused, or older than meter events may be); last_report_error says why';
