-- The physical limit the ingest benchmark is compared with: one webhook-sized row inserted and committed per
-- transaction, unique key and all, as a receiver without batching would do.
INSERT INTO bench_insert_limit (provider, provider_event_id, event_type, payload)
VALUES ('stripe', 'evt_' || :client_id || '_' || nextval('bench_insert_limit_seq'), 'customer.updated',
        repeat('x', 1800)::text);
