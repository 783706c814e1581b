-- Retention: when a finished event's payload was replaced by a stub, and when the personal data in it was masked.
-- Adding a column without a default is a change of the catalogue only, but it needs the table's exclusive lock for
-- that instant: waiting for it behind a long transaction would queue every writer behind this statement, so it
-- gives up after 5 s (run the migration again) instead of stalling ingest.
SET LOCAL lock_timeout = '5s';
ALTER TABLE webhook_event ADD COLUMN payload_redacted_at timestamptz,
                          ADD COLUMN personal_data_redacted_at timestamptz;
