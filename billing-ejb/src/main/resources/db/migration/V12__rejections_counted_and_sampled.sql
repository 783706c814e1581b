-- A flood of forged requests must cost less than real traffic: refusals are counted in memory by minute and
-- kind and written in batches, one row per kind and batch (rows of one minute add up; first_at is when the first
-- of the row came, so a statistics "since" is exact but for the one batch it falls in); webhook_rejection keeps
-- a bounded sample of them one by one (remote address, correlation id). The statistics count the counts.
CREATE TABLE webhook_rejection_count (
    minute      timestamptz NOT NULL,
    first_at    timestamptz NOT NULL,
    provider    text        NOT NULL,
    reason      text        NOT NULL,
    http_status integer     NOT NULL,
    rejections  bigint      NOT NULL
);
CREATE INDEX webhook_rejection_count_first_idx ON webhook_rejection_count (first_at);

-- what was refused before: already in the statistics, so counted before the trigger exists
INSERT INTO webhook_rejection_count (minute, first_at, provider, reason, http_status, rejections)
SELECT date_trunc('minute', received_at, 'UTC'), min(received_at), provider, reason, http_status, count(*)
  FROM webhook_rejection GROUP BY 1, 3, 4, 5;

DROP TRIGGER webhook_rejection_stats_insert ON webhook_rejection;
DROP FUNCTION webhook_stats_rejections_inserted();

CREATE FUNCTION webhook_stats_rejection_counts_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_stats_delta (bucket, provider, event_type, status, millis_le, rejections)
    SELECT webhook_stats_bucket(minute), provider, '', '', -1, sum(rejections) FROM inserted GROUP BY 1, 2;
    RETURN NULL;
END
$$;
CREATE TRIGGER webhook_rejection_count_stats_insert AFTER INSERT ON webhook_rejection_count
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION webhook_stats_rejection_counts_inserted();
