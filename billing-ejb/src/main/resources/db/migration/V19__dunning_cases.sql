-- Dunning: one case per invoice that failed to be paid, kept by the invoice's events whatever their order (the first
-- failure's event time opens it, a closing event closes it for good: one that came first is found in the invoice's
-- mirror), and escalated by the steps of the policy it started with. A step's run is a row of its own, so that two nodes, a retry or a restart run it once.
CREATE TABLE dunning_case (
    id                     bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    stripe_invoice_id      text        NOT NULL UNIQUE,
    company_id             bigint      NOT NULL REFERENCES company (id),
    stripe_subscription_id text,
    amount_due             bigint,
    currency               text,
    decline_code           text,
    opened_at              timestamptz NOT NULL,
    closed_at              timestamptz,
    close_reason           text,
    policy_version         text        NOT NULL,
    step                   integer     NOT NULL DEFAULT -1,
    next_step_at           timestamptz,
    paused_until           timestamptz,
    updated_at             timestamptz NOT NULL DEFAULT now()
);
COMMENT ON COLUMN dunning_case.opened_at IS 'event time of the first failure seen';
COMMENT ON COLUMN dunning_case.step IS 'index of the last policy step run, -1 before the first';
CREATE INDEX dunning_case_due_idx ON dunning_case (next_step_at) WHERE closed_at IS NULL;
CREATE INDEX dunning_case_company_idx ON dunning_case (company_id);

CREATE TABLE dunning_step_run (
    case_id   bigint      NOT NULL REFERENCES dunning_case (id),
    step      integer     NOT NULL,
    name      text        NOT NULL,
    state     text        NOT NULL,
    access    text        NOT NULL,
    ran_at    timestamptz NOT NULL DEFAULT now(),
    skipped   boolean     NOT NULL DEFAULT false,
    PRIMARY KEY (case_id, step)
);

-- Every policy version a case started with, as it was: a case keeps its steps when the policy changes.
CREATE TABLE dunning_policy (
    version    text PRIMARY KEY,
    document   text        NOT NULL,
    stored_at  timestamptz NOT NULL DEFAULT now()
);
