-- Statistics that stay fast at millions of events: triggers append what changed (one row per statement
-- and combination, never an update of a shared row, so writers do not queue behind each other), a
-- scheduled fold adds the changes into the rollup, and a query reads the rollup plus what is not folded yet.
--
-- Key: the hour (UTC) the events were received in (days, for buckets older than two days), provider, event
-- type, status and the upper bound of the processing-time bucket (-1: no processing time yet).
-- Duplicates and rejections have status '' (rejections also event type ''): they are deliveries, not events.
CREATE TABLE webhook_stats (
    bucket      timestamptz NOT NULL,
    provider    text        NOT NULL,
    event_type  text        NOT NULL,
    status      text        NOT NULL,
    millis_le   integer     NOT NULL,
    events      bigint      NOT NULL DEFAULT 0,
    retries     bigint      NOT NULL DEFAULT 0,
    duplicates  bigint      NOT NULL DEFAULT 0,
    rejections  bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (bucket, provider, event_type, status, millis_le)
);
-- events leave RECEIVED and RETRYING: their rows fall to zero and are removed after each fold
CREATE INDEX webhook_stats_empty_idx ON webhook_stats (bucket)
    WHERE events = 0 AND retries = 0 AND duplicates = 0 AND rejections = 0;

-- emptied by every fold: vacuumed often so a query never scans a trail of deleted rows
CREATE TABLE webhook_stats_delta (
    bucket      timestamptz NOT NULL,
    provider    text        NOT NULL,
    event_type  text        NOT NULL,
    status      text        NOT NULL,
    millis_le   integer     NOT NULL,
    events      bigint      NOT NULL DEFAULT 0,
    retries     bigint      NOT NULL DEFAULT 0,
    duplicates  bigint      NOT NULL DEFAULT 0,
    rejections  bigint      NOT NULL DEFAULT 0
) WITH (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 5000,
        autovacuum_vacuum_insert_scale_factor = 0, autovacuum_vacuum_insert_threshold = 5000);

-- the exact part of a "since" query reads raw rows of at most one bucket
CREATE INDEX webhook_event_received_idx ON webhook_event (received_at);
CREATE INDEX webhook_duplicate_received_idx ON webhook_duplicate (received_at);

-- Processing-time buckets (ms), about 25 % apart, so p50 and p95 are read within one bucket's width.
CREATE FUNCTION webhook_stats_millis_bounds() RETURNS integer[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT '{0,1,2,3,4,5,6,8,10,12,15,20,25,30,40,50,60,80,100,125,150,200,250,300,400,500,600,800,1000,1250,1500,
             2000,2500,3000,4000,5000,6000,8000,10000,12500,15000,20000,25000,30000,40000,50000,60000,80000,100000,
             125000,150000,200000,300000}'::integer[]
$$;

-- the bucket a processing time falls in, named by its upper bound; -1 for none, int max beyond the last bound
-- (width_bucket counts the bounds below the time by binary search: this runs once per row on the hot path)
CREATE FUNCTION webhook_stats_millis_le(millis bigint) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN millis IS NULL THEN -1
                ELSE coalesce((webhook_stats_millis_bounds())[width_bucket(millis - 1, webhook_stats_millis_bounds()) + 1],
                              2147483647) END
$$;

-- the bucket's lower bound (exclusive), for interpolating percentiles
CREATE FUNCTION webhook_stats_millis_above(millis_le integer) RETURNS integer
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce((SELECT max(b) FROM unnest(webhook_stats_millis_bounds()) b WHERE b < millis_le), 0)
$$;

CREATE FUNCTION webhook_stats_bucket(received timestamptz) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT date_trunc('hour', received, 'UTC')
$$;

CREATE FUNCTION webhook_stats_events_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_stats_delta (bucket, provider, event_type, status, millis_le, events, retries)
    SELECT webhook_stats_bucket(received_at), provider, event_type, status, webhook_stats_millis_le(processing_millis),
           count(*), sum(greatest(attempts - 1, 0))
      FROM inserted GROUP BY 1, 2, 3, 4, 5;
    RETURN NULL;
END
$$;
CREATE TRIGGER webhook_event_stats_insert AFTER INSERT ON webhook_event
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION webhook_stats_events_inserted();

-- an event that changes status, attempts or processing time moves from its old combination to its new one
CREATE FUNCTION webhook_stats_events_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_stats_delta (bucket, provider, event_type, status, millis_le, events, retries)
    SELECT bucket, provider, event_type, status, millis_le, sum(events), sum(retries)
      FROM (SELECT webhook_stats_bucket(o.received_at) AS bucket, o.provider, o.event_type, o.status,
                   webhook_stats_millis_le(o.processing_millis) AS millis_le, -1 AS events,
                   -greatest(o.attempts - 1, 0) AS retries
              FROM before o JOIN after n ON n.id = o.id
             WHERE (o.status, o.attempts, o.processing_millis) IS DISTINCT FROM (n.status, n.attempts, n.processing_millis)
            UNION ALL
            SELECT webhook_stats_bucket(n.received_at), n.provider, n.event_type, n.status,
                   webhook_stats_millis_le(n.processing_millis), 1, greatest(n.attempts - 1, 0)
              FROM before o JOIN after n ON n.id = o.id
             WHERE (o.status, o.attempts, o.processing_millis) IS DISTINCT FROM (n.status, n.attempts, n.processing_millis)
           ) moved
     GROUP BY 1, 2, 3, 4, 5;
    RETURN NULL;
END
$$;
CREATE TRIGGER webhook_event_stats_update AFTER UPDATE ON webhook_event
    REFERENCING OLD TABLE AS before NEW TABLE AS after FOR EACH STATEMENT EXECUTE FUNCTION webhook_stats_events_updated();

CREATE FUNCTION webhook_stats_duplicates_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_stats_delta (bucket, provider, event_type, status, millis_le, duplicates)
    SELECT webhook_stats_bucket(d.received_at), e.provider, e.event_type, '', -1, count(*)
      FROM inserted d JOIN webhook_event e ON e.id = d.webhook_event_id GROUP BY 1, 2, 3;
    RETURN NULL;
END
$$;
CREATE TRIGGER webhook_duplicate_stats_insert AFTER INSERT ON webhook_duplicate
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION webhook_stats_duplicates_inserted();

CREATE FUNCTION webhook_stats_rejections_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO webhook_stats_delta (bucket, provider, event_type, status, millis_le, rejections)
    SELECT webhook_stats_bucket(received_at), provider, '', '', -1, count(*) FROM inserted GROUP BY 1, 2;
    RETURN NULL;
END
$$;
CREATE TRIGGER webhook_rejection_stats_insert AFTER INSERT ON webhook_rejection
    REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION webhook_stats_rejections_inserted();

-- what was there before the rollup existed
INSERT INTO webhook_stats_delta (bucket, provider, event_type, status, millis_le, events, retries)
SELECT webhook_stats_bucket(received_at), provider, event_type, status, webhook_stats_millis_le(processing_millis),
       count(*), sum(greatest(attempts - 1, 0))
  FROM webhook_event GROUP BY 1, 2, 3, 4, 5;
INSERT INTO webhook_stats_delta (bucket, provider, event_type, status, millis_le, duplicates)
SELECT webhook_stats_bucket(d.received_at), e.provider, e.event_type, '', -1, count(*)
  FROM webhook_duplicate d JOIN webhook_event e ON e.id = d.webhook_event_id GROUP BY 1, 2, 3;
INSERT INTO webhook_stats_delta (bucket, provider, event_type, status, millis_le, rejections)
SELECT webhook_stats_bucket(received_at), provider, '', '', -1, count(*) FROM webhook_rejection GROUP BY 1, 2;
