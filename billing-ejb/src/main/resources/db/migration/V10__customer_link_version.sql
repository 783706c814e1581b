-- The customer -> company link is ordered like the other mirrors: by the created time of the event that set it.
ALTER TABLE stripe_customer ADD COLUMN linked_version bigint;

COMMENT ON COLUMN stripe_customer.linked_version IS 'created (epoch seconds) of the event that linked the customer to its company; an older event cannot move the link';
