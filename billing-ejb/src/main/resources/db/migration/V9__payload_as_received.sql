-- jsonb cannot hold some text that JSON can: the escape \u0000 and a lone surrogate (\ud800). An event whose
-- payload holds one is stored with those characters replaced by U+FFFD in payload, and as received here.
ALTER TABLE webhook_event ADD COLUMN payload_raw text;

COMMENT ON COLUMN webhook_event.payload_raw IS 'the payload exactly as received, where payload had to replace characters jsonb cannot hold; NULL otherwise';
