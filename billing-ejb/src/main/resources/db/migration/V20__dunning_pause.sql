-- A paused case escalates nothing and sends nothing; when it resumes, its steps come as much later as it was paused.
ALTER TABLE dunning_case ADD COLUMN paused_at timestamptz;
ALTER TABLE dunning_case ADD COLUMN paused_for interval NOT NULL DEFAULT '0';
COMMENT ON COLUMN dunning_case.paused_until IS 'when a pause ends by itself; infinity: until an operator resumes it';
COMMENT ON COLUMN dunning_case.paused_for IS 'the time the case spent paused, which its steps come later by';
