-- A refused request keeps the correlation id it was answered with, so a caller's report can be traced.
ALTER TABLE webhook_rejection ADD COLUMN correlation_id text;
