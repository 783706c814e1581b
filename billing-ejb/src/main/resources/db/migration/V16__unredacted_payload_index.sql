-- The payloads retention may still redact, oldest first: those whose personal data is still in them first, so that
-- neither the pass that masks personal data nor the one that redacts whole payloads reads rows the other is done with.
-- Built without blocking writers (CONCURRENTLY, outside a
-- transaction, see the .conf beside this file); an earlier try that failed half-way leaves an invalid index behind,
-- dropped first. lock_timeout bounds the wait for the brief locks at the start and the end of the build.
SET lock_timeout = '5s';
DROP INDEX CONCURRENTLY IF EXISTS webhook_event_unredacted_idx;
CREATE INDEX CONCURRENTLY webhook_event_unredacted_idx ON webhook_event ((personal_data_redacted_at IS NOT NULL), received_at)
    WHERE payload_redacted_at IS NULL;
RESET lock_timeout;
