-- Where the statistics count the events a backfill or a reconciliation stored (source = 'backfill'): few among
-- millions, found without reading the others. Built without blocking writers (CONCURRENTLY, outside a transaction:
-- see the .conf beside this file), an invalid index of a failed earlier try dropped first, as in V16.
SET lock_timeout = '5s';
DROP INDEX CONCURRENTLY IF EXISTS webhook_event_backfilled_idx;
CREATE INDEX CONCURRENTLY webhook_event_backfilled_idx ON webhook_event (received_at) WHERE source = 'backfill';
RESET lock_timeout;
