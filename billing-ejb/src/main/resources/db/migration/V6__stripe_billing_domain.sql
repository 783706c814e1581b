-- The Stripe billing domain. Every mirrored object keeps the created time of the event that last set
-- its state (last_event_created, epoch seconds): with the object's own status progression it decides
-- whether a late event may still change anything.

-- An event whose company cannot be resolved waits, QUARANTINED, for a mapping of its customer.
ALTER TABLE webhook_event ADD COLUMN quarantined_customer text;
CREATE INDEX webhook_event_quarantined_idx ON webhook_event (quarantined_customer) WHERE status = 'QUARANTINED';

ALTER TABLE stripe_customer ADD COLUMN deleted_at timestamptz;

CREATE TABLE subscription (
    stripe_subscription_id text PRIMARY KEY,
    company_id             bigint      NOT NULL REFERENCES company (id),
    stripe_customer_id     text        NOT NULL,
    status                 text        NOT NULL,
    cancel_at_period_end   boolean     NOT NULL DEFAULT false,
    current_period_start   timestamptz,
    current_period_end     timestamptz,
    trial_end              timestamptz,
    canceled_at            timestamptz,
    ended_at               timestamptz,
    cancellation_reason    text,
    trial_will_end_notified_at timestamptz,
    next_invoice_amount    bigint,
    next_invoice_currency  text,
    next_invoice_at        timestamptz,
    schedule_id            text,
    latest_invoice_id      text,
    last_event_created     bigint      NOT NULL DEFAULT 0,
    updated_at             timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX subscription_company_idx ON subscription (company_id);

CREATE TABLE subscription_item (
    stripe_subscription_item_id text PRIMARY KEY,
    stripe_subscription_id      text    NOT NULL REFERENCES subscription (stripe_subscription_id),
    price_id                    text,
    product_id                  text,
    quantity                    bigint,
    unit_amount                 bigint,
    currency                    text,
    interval                    text,
    metered                     boolean NOT NULL DEFAULT false
);
CREATE INDEX subscription_item_subscription_idx ON subscription_item (stripe_subscription_id);

ALTER TABLE invoice ADD COLUMN attempt_count integer NOT NULL DEFAULT 0;
ALTER TABLE invoice ADD COLUMN next_payment_attempt timestamptz;
ALTER TABLE invoice ADD COLUMN payment_failed boolean NOT NULL DEFAULT false;
ALTER TABLE invoice ADD COLUMN sent_at timestamptz;
ALTER TABLE invoice ADD COLUMN paid_at timestamptz;
ALTER TABLE invoice ADD COLUMN voided_at timestamptz;
ALTER TABLE invoice ADD COLUMN deleted boolean NOT NULL DEFAULT false;
ALTER TABLE invoice ADD COLUMN finalization_error text;
ALTER TABLE invoice ADD COLUMN last_event_created bigint NOT NULL DEFAULT 0;

-- PaymentIntents: the link between an invoice (through invoice_payment) and its charges.
CREATE TABLE payment (
    stripe_payment_intent_id text PRIMARY KEY,
    company_id               bigint      NOT NULL REFERENCES company (id),
    stripe_customer_id       text,
    stripe_invoice_id        text,
    status                   text        NOT NULL,
    amount                   bigint      NOT NULL,
    amount_received          bigint      NOT NULL DEFAULT 0,
    currency                 text        NOT NULL,
    last_error_code          text,
    last_error_message       text,
    last_event_created       bigint      NOT NULL DEFAULT 0,
    updated_at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX payment_company_idx ON payment (company_id);

CREATE TABLE charge (
    stripe_charge_id         text PRIMARY KEY,
    company_id               bigint      NOT NULL REFERENCES company (id),
    stripe_customer_id       text,
    stripe_payment_intent_id text,
    status                   text        NOT NULL,
    amount                   bigint      NOT NULL,
    amount_captured          bigint      NOT NULL DEFAULT 0,
    amount_refunded          bigint      NOT NULL DEFAULT 0,
    currency                 text        NOT NULL,
    captured                 boolean     NOT NULL DEFAULT false,
    disputed                 boolean     NOT NULL DEFAULT false,
    failure_code             text,
    failure_message          text,
    description              text,
    stripe_created_at        timestamptz,
    last_event_created       bigint      NOT NULL DEFAULT 0,
    updated_at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX charge_company_idx ON charge (company_id);
CREATE INDEX charge_payment_intent_idx ON charge (stripe_payment_intent_id);

CREATE TABLE refund (
    stripe_refund_id         text PRIMARY KEY,
    company_id               bigint      NOT NULL REFERENCES company (id),
    stripe_charge_id         text,
    stripe_payment_intent_id text,
    status                   text        NOT NULL,
    amount                   bigint      NOT NULL,
    currency                 text        NOT NULL,
    reason                   text,
    last_event_created       bigint      NOT NULL DEFAULT 0,
    updated_at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX refund_company_idx ON refund (company_id);

CREATE TABLE dispute (
    stripe_dispute_id        text PRIMARY KEY,
    company_id               bigint      NOT NULL REFERENCES company (id),
    stripe_charge_id         text,
    status                   text        NOT NULL,
    amount                   bigint      NOT NULL,
    currency                 text        NOT NULL,
    reason                   text,
    last_event_created       bigint      NOT NULL DEFAULT 0,
    updated_at               timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dispute_company_idx ON dispute (company_id);

-- The other Stripe objects billing shows (checkout sessions, payment methods, setup intents, schedules,
-- credit notes, invoice items, invoice payments, products, prices, plans): their key fields, typed.
CREATE TABLE stripe_record (
    stripe_id            text PRIMARY KEY,
    object_type          text        NOT NULL,
    company_id           bigint REFERENCES company (id),
    stripe_customer_id   text,
    status               text,
    amount               bigint,
    currency             text,
    parent_id            text,
    related_id           text,
    description          text,
    last_event_created   bigint      NOT NULL DEFAULT 0,
    updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX stripe_record_company_idx ON stripe_record (company_id, object_type);
CREATE INDEX stripe_record_parent_idx ON stripe_record (parent_id);
