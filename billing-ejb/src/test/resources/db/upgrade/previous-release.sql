-- What a database of the previous release (schema version 14) holds: written the way that release wrote it. When a
-- release is made, this file is written anew for its schema and UpgradeMigrationIT.PREVIOUS_RELEASE follows it.
INSERT INTO company (id, name) VALUES (42, 'Acme'), (43, 'Globex');
INSERT INTO stripe_customer (stripe_customer_id, company_id, email, name, linked_version)
VALUES ('cus_upgrade_42', 42, 'billing@acme.example', 'Acme', 1);
INSERT INTO billing_period (company_id, stripe_subscription_id, period_start, period_end, status)
VALUES (42, 'sub_upgrade', '2026-10-01T00:00:00Z', '2026-11-01T00:00:00Z', 'paid');
INSERT INTO invoice (stripe_invoice_id, company_id, stripe_customer_id, stripe_subscription_id, billing_period_id, status,
                     currency, amount_due, amount_paid, amount_remaining, billing_reason, attempt_count, paid_at)
SELECT 'in_upgrade', 42, 'cus_upgrade_42', 'sub_upgrade', id, 'paid', 'usd', 4900, 4900, 0, 'subscription_cycle', 1,
       '2026-10-01T01:00:00Z'
  FROM billing_period WHERE stripe_subscription_id = 'sub_upgrade';

INSERT INTO webhook_event (provider, provider_event_id, event_type, lane, payload, correlation_id, status, attempts,
                           received_at, processed_at, processing_millis, company_id)
VALUES ('stripe', 'evt_upgrade_paid', 'invoice.paid', 'HIGH',
        '{"id":"evt_upgrade_paid","data":{"object":{"id":"in_upgrade","customer":"cus_upgrade_42"}}}', 'c-1',
        'PROCESSED', 1, '2026-10-01T01:00:00Z', '2026-10-01T01:00:01Z', 35, 42),
       ('stripe', 'evt_upgrade_failed', 'charge.refunded', 'MEDIUM', '{"id":"evt_upgrade_failed"}', 'c-2',
        'FAILED', 4, '2026-10-02T00:00:00Z', '2026-10-02T00:05:00Z', 20, NULL),
       ('retell', 'call_upgrade:call_analyzed', 'call_analyzed', 'HIGH', '{"event":"call_analyzed"}', 'c-3',
        'RECEIVED', 0, '2026-10-03T00:00:00Z', NULL, NULL, NULL);
INSERT INTO webhook_attempt (webhook_event_id, attempt, started_at, finished_at, duration_millis, outcome, correlation_id)
SELECT id, 1, received_at, received_at + interval '35 ms', 35, 'PROCESSED', correlation_id
  FROM webhook_event WHERE provider_event_id = 'evt_upgrade_paid';
INSERT INTO webhook_duplicate (webhook_event_id, received_at)
SELECT id, received_at + interval '1 minute' FROM webhook_event WHERE provider_event_id = 'evt_upgrade_paid';
INSERT INTO webhook_rejection (provider, reason, http_status, body_bytes, remote_address, received_at, correlation_id)
VALUES ('stripe', 'invalid-signature', 400, 120, '203.0.113.9', '2026-10-01T02:00:00Z', 'c-4');
INSERT INTO webhook_rejection_count (minute, first_at, provider, reason, http_status, rejections)
VALUES ('2026-10-01T02:00:00Z', '2026-10-01T02:00:00Z', 'stripe', 'invalid-signature', 400, 1);
