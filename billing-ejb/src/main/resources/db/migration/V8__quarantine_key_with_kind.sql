-- The quarantine key gets a kind of its own: the single column held Stripe customer ids, 'phone:<E.164>' and
-- 'calcom:<kind>:<value>', parsed back with split(':'). Existing keys are moved over.
ALTER TABLE webhook_event ADD COLUMN quarantine_kind text, ADD COLUMN quarantine_key text;

UPDATE webhook_event
   SET quarantine_kind = CASE
           WHEN quarantined_customer LIKE 'phone:%' THEN 'PHONE_NUMBER'
           WHEN quarantined_customer LIKE 'calcom:%' THEN 'CALCOM_' || upper(split_part(quarantined_customer, ':', 2))
           ELSE 'STRIPE_CUSTOMER' END,
       quarantine_key = CASE
           WHEN quarantined_customer LIKE 'phone:%' THEN substr(quarantined_customer, length('phone:') + 1)
           WHEN quarantined_customer LIKE 'calcom:%' THEN regexp_replace(quarantined_customer, '^calcom:[^:]*:', '')
           ELSE quarantined_customer END
 WHERE quarantined_customer IS NOT NULL;

DROP INDEX webhook_event_quarantined_idx;
ALTER TABLE webhook_event DROP COLUMN quarantined_customer;

ALTER TABLE webhook_event
    ADD CONSTRAINT webhook_event_quarantine_key_has_kind CHECK ((quarantine_kind IS NULL) = (quarantine_key IS NULL)),
    ADD CONSTRAINT webhook_event_quarantine_kind_known CHECK (quarantine_kind IN
        ('STRIPE_CUSTOMER', 'PHONE_NUMBER', 'CALCOM_ORGANIZER', 'CALCOM_TEAM', 'CALCOM_EVENT_TYPE'));
CREATE INDEX webhook_event_quarantine_idx ON webhook_event (quarantine_kind, quarantine_key) WHERE status = 'QUARANTINED';

COMMENT ON COLUMN webhook_event.quarantine_kind IS 'what would release a QUARANTINED event: a Stripe customer, a phone number or a Cal.com mapping';
COMMENT ON COLUMN webhook_event.quarantine_key IS 'the value of that kind: the customer id, the E.164 number, the Cal.com email or id';
