-- One row per processing attempt, written whatever became of the attempt's own transaction.
CREATE TABLE webhook_attempt (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    webhook_event_id bigint      NOT NULL REFERENCES webhook_event (id),
    attempt          integer     NOT NULL,
    started_at       timestamptz NOT NULL,
    finished_at      timestamptz NOT NULL,
    duration_millis  bigint      NOT NULL,
    outcome          text        NOT NULL,
    error_class      text,
    error_message    text,
    correlation_id   text        NOT NULL
);
CREATE INDEX webhook_attempt_event_idx ON webhook_attempt (webhook_event_id, attempt);

ALTER TABLE webhook_event ADD COLUMN next_attempt_at timestamptz;
-- the sweeper also looks at retries whose delayed wake-up is overdue
CREATE INDEX webhook_event_retrying_idx ON webhook_event (next_attempt_at) WHERE status = 'RETRYING';
