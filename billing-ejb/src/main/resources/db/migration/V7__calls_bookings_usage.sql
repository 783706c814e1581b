-- Retell calls, their usage for metered billing, Cal.com bookings, and how both find their company.

-- The numbers a company owns, E.164 (+ and digits only): "+49 30 1234567" and "+49301234567" are one number.
CREATE TABLE phone_number (
    e164       text PRIMARY KEY CHECK (e164 ~ '^\+[1-9][0-9]{6,14}$'),
    company_id bigint      NOT NULL REFERENCES company (id),
    label      text,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX phone_number_company_idx ON phone_number (company_id);

-- A Cal.com organizer (email), team (id) or event type (id) that belongs to a company.
CREATE TABLE calcom_mapping (
    kind       text        NOT NULL CHECK (kind IN ('organizer', 'team', 'event_type')),
    value      text        NOT NULL,
    company_id bigint      NOT NULL REFERENCES company (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, value)
);
CREATE INDEX calcom_mapping_company_idx ON calcom_mapping (company_id);

-- The events waiting in quarantine for a company name what would resolve them: a Stripe customer, a phone
-- number ("phone:+49…") or a Cal.com mapping ("calcom:event_type:42"). The column keeps its first name.
COMMENT ON COLUMN webhook_event.quarantined_customer IS 'the key whose link to a company releases the event';

CREATE TABLE call (
    call_id              text PRIMARY KEY,
    company_id           bigint      NOT NULL REFERENCES company (id),
    status               text        NOT NULL,
    call_type            text,
    agent_id             text,
    direction            text,
    from_number          text,
    to_number            text,
    started_at           timestamptz,
    ended_at             timestamptz,
    duration_ms          bigint,
    disconnection_reason text,
    cost_cents           bigint,
    summary              text,
    sentiment            text,
    last_event_rank      integer     NOT NULL DEFAULT 0,
    updated_at           timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX call_company_idx ON call (company_id);

-- One usage record per ended call: billable seconds, reported to Stripe once (the identifier is the key).
CREATE TABLE call_usage (
    id                  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    company_id          bigint      NOT NULL REFERENCES company (id),
    call_id             text        NOT NULL UNIQUE,
    billable_seconds    bigint      NOT NULL,
    occurred_at         timestamptz NOT NULL,
    reported_at         timestamptz,
    stripe_customer_id  text,
    report_attempts     integer     NOT NULL DEFAULT 0,
    last_report_error   text,
    created_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX call_usage_unreported_idx ON call_usage (id) WHERE reported_at IS NULL;
CREATE INDEX call_usage_company_idx ON call_usage (company_id);

CREATE TABLE booking (
    uid                 text PRIMARY KEY,
    company_id          bigint      NOT NULL REFERENCES company (id),
    booking_id          bigint,
    status              text        NOT NULL,
    title               text,
    event_type_id       bigint,
    start_time          timestamptz,
    end_time            timestamptz,
    organizer_email     text,
    attendee_name       text,
    attendee_email      text,
    attendee_phone      text,
    rescheduled_from    text,
    rescheduled_to      text,
    cancellation_reason text,
    paid                boolean     NOT NULL DEFAULT false,
    meeting_ended_at    timestamptz,
    last_event_at       text,
    updated_at          timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX booking_company_idx ON booking (company_id);
