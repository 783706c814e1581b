-- Backfill from Stripe's Events API: where a stored event came from, and the runs with their positions.
-- A column with a constant default is a change of the catalogue only (PostgreSQL 11 and later); its exclusive
-- lock is given up after 5 s rather than queueing every writer behind a long transaction (run it again).
SET LOCAL lock_timeout = '5s';
ALTER TABLE webhook_event ADD COLUMN source text NOT NULL DEFAULT 'webhook';

-- One backfill (scheduled: by the reconciliation, not by an operator): what was asked, where its paging stands (the listing it pages and the last event id it stored,
-- so that a restart resumes there), and what it found.
CREATE TABLE stripe_backfill (
    id               bigserial PRIMARY KEY,
    requested_at     timestamptz NOT NULL DEFAULT now(),
    since            timestamptz NOT NULL,
    types            text[] NOT NULL,
    undelivered_only boolean NOT NULL,
    scheduled        boolean NOT NULL DEFAULT false,
    listing          integer NOT NULL DEFAULT 0,
    starting_after   text,
    fetched          bigint NOT NULL DEFAULT 0,
    stored           bigint NOT NULL DEFAULT 0,
    already_stored   bigint NOT NULL DEFAULT 0,
    stored_by_type   jsonb NOT NULL DEFAULT '{}',
    status           text NOT NULL DEFAULT 'RUNNING' CHECK (status IN ('RUNNING', 'FINISHED', 'FAILED')),
    error            text,
    finished_at      timestamptz
);
CREATE INDEX stripe_backfill_running_idx ON stripe_backfill (id) WHERE status = 'RUNNING';
