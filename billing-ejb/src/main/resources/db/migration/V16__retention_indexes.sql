-- Where retention finds the payloads it still redacts or masks, oldest first, without reading the rows it is done
-- with: finished events whose payload is untouched, and those whose personal data alone was masked (an index that
-- ingest and processing never write to). Their predicates are the queries' own (retention.control.Purge), so the
-- planner takes them over webhook_event_received_idx, which would walk every row already redacted.
-- Built without blocking writers (CONCURRENTLY, outside a transaction: see the .conf beside this file); an earlier
-- try that failed half-way leaves an invalid index behind, dropped first. lock_timeout bounds the wait for the brief
-- locks at the start and the end of each build.
SET lock_timeout = '5s';
DROP INDEX CONCURRENTLY IF EXISTS webhook_event_untouched_payload_idx;
CREATE INDEX CONCURRENTLY webhook_event_untouched_payload_idx ON webhook_event (received_at)
    WHERE payload_redacted_at IS NULL AND personal_data_redacted_at IS NULL AND status IN ('PROCESSED', 'IGNORED');
DROP INDEX CONCURRENTLY IF EXISTS webhook_event_masked_payload_idx;
CREATE INDEX CONCURRENTLY webhook_event_masked_payload_idx ON webhook_event (received_at)
    WHERE payload_redacted_at IS NULL AND personal_data_redacted_at IS NOT NULL;
RESET lock_timeout;
