-- Statistics by day, with the hours kept beside them. Before this, the last two days were kept in hour buckets and
-- older ones in days; a "since" older than two days counted the part of its day before the next day bucket from
-- raw rows (about 160,000 at ten million events a month: 140 ms), and the hour buckets of the last two days were
-- three fifths of the rows an all-time query read. Now webhook_stats holds one bucket a day and webhook_stats_hour
-- one an hour: a query reads whole days, at most twelve hours between its "since" and the nearer edge of its day
-- (added to the days after it, or taken from its own day), and the raw rows of at most one hour.
CREATE TABLE webhook_stats_hour (LIKE webhook_stats INCLUDING ALL);

-- Writers wait while the hours are counted from the raw rows, so every change the triggers wrote is either folded
-- first (into days) or counted from the raw rows, never both.
LOCK TABLE webhook_event, webhook_duplicate, webhook_rejection_count IN SHARE MODE;

-- what was not folded yet, and the hour buckets the server before left (the last two days), into days
WITH moved AS (DELETE FROM webhook_stats_delta RETURNING *),
     hours AS (DELETE FROM webhook_stats WHERE bucket <> date_trunc('day', bucket, 'UTC') RETURNING *)
INSERT INTO webhook_stats AS s (bucket, provider, event_type, status, millis_le, events, retries, duplicates, rejections)
SELECT date_trunc('day', bucket, 'UTC'), provider, event_type, status, millis_le,
       sum(events), sum(retries), sum(duplicates), sum(rejections)
  FROM (SELECT * FROM moved UNION ALL SELECT * FROM hours) changed GROUP BY 1, 2, 3, 4, 5
ON CONFLICT (bucket, provider, event_type, status, millis_le) DO UPDATE
   SET events = s.events + excluded.events, retries = s.retries + excluded.retries,
       duplicates = s.duplicates + excluded.duplicates, rejections = s.rejections + excluded.rejections;

DELETE FROM webhook_stats WHERE events = 0 AND retries = 0 AND duplicates = 0 AND rejections = 0;

INSERT INTO webhook_stats_hour (bucket, provider, event_type, status, millis_le, events, retries, duplicates, rejections)
SELECT bucket, provider, event_type, status, millis_le, sum(events), sum(retries), sum(duplicates), sum(rejections)
  FROM (SELECT webhook_stats_bucket(received_at) AS bucket, provider, event_type, status,
               webhook_stats_millis_le(processing_millis) AS millis_le, count(*) AS events,
               sum(greatest(attempts - 1, 0)) AS retries, 0 AS duplicates, 0 AS rejections
          FROM webhook_event GROUP BY 1, 2, 3, 4, 5
        UNION ALL
        SELECT webhook_stats_bucket(d.received_at), e.provider, e.event_type, '', -1, 0, 0, count(*), 0
          FROM webhook_duplicate d JOIN webhook_event e ON e.id = d.webhook_event_id GROUP BY 1, 2, 3
        UNION ALL
        SELECT webhook_stats_bucket(minute), provider, '', '', -1, 0, 0, 0, sum(rejections)
          FROM webhook_rejection_count GROUP BY 1, 2) counted
 GROUP BY 1, 2, 3, 4, 5;
