-- The inbox: one row per provider event, the truth about what was acknowledged.
CREATE TABLE webhook_event (
    id                bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    provider          text        NOT NULL,
    provider_event_id text        NOT NULL,
    event_type        text        NOT NULL,
    api_version       text,
    lane              text        NOT NULL,
    payload           jsonb       NOT NULL,
    received_at       timestamptz NOT NULL DEFAULT now(),
    enqueued_at       timestamptz NOT NULL DEFAULT now(),
    status            text        NOT NULL DEFAULT 'RECEIVED',
    attempts          integer     NOT NULL DEFAULT 0,
    correlation_id    text        NOT NULL,
    processed_at      timestamptz,
    processing_millis bigint,
    last_error        text,
    company_id        bigint,
    CONSTRAINT webhook_event_provider_event_key UNIQUE (provider, provider_event_id)
);
-- The sweeper only ever looks at rows still waiting.
CREATE INDEX webhook_event_waiting_idx ON webhook_event (enqueued_at) WHERE status = 'RECEIVED';
CREATE INDEX webhook_event_status_idx ON webhook_event (status);

-- Every repeated delivery of a stored event: the durable duplicates counter.
CREATE TABLE webhook_duplicate (
    id               bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    webhook_event_id bigint      NOT NULL REFERENCES webhook_event (id),
    received_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_duplicate_event_idx ON webhook_duplicate (webhook_event_id);

-- Requests refused before anything was stored: forged, stale, malformed or oversized traffic.
CREATE TABLE webhook_rejection (
    id             bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    provider       text        NOT NULL,
    reason         text        NOT NULL,
    http_status    integer     NOT NULL,
    body_bytes     bigint      NOT NULL,
    remote_address text,
    received_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_rejection_received_idx ON webhook_rejection (received_at);

CREATE TABLE company (
    id         bigint PRIMARY KEY,
    name       text,
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE stripe_customer (
    stripe_customer_id text PRIMARY KEY,
    company_id         bigint      NOT NULL REFERENCES company (id),
    email              text,
    name               text,
    updated_at         timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stripe_customer_company_idx ON stripe_customer (company_id);

CREATE TABLE billing_period (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id             bigint      NOT NULL REFERENCES company (id),
    stripe_subscription_id text        NOT NULL,
    period_start           timestamptz NOT NULL,
    period_end             timestamptz NOT NULL,
    status                 text        NOT NULL,
    CONSTRAINT billing_period_subscription_start_key UNIQUE (stripe_subscription_id, period_start)
);
CREATE INDEX billing_period_company_idx ON billing_period (company_id);

CREATE TABLE invoice (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stripe_invoice_id      text        NOT NULL UNIQUE,
    company_id             bigint      NOT NULL REFERENCES company (id),
    stripe_customer_id     text        NOT NULL,
    stripe_subscription_id text,
    billing_period_id      bigint REFERENCES billing_period (id),
    number                 text,
    status                 text        NOT NULL,
    currency               text        NOT NULL,
    amount_due             bigint      NOT NULL,
    amount_paid            bigint      NOT NULL,
    amount_remaining       bigint      NOT NULL,
    billing_reason         text,
    hosted_invoice_url     text,
    finalized_at           timestamptz,
    stripe_created_at      timestamptz,
    updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX invoice_company_idx ON invoice (company_id);
CREATE INDEX invoice_billing_period_idx ON invoice (billing_period_id);
