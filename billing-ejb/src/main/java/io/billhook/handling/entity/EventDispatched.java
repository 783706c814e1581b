package io.billhook.handling.entity;

/**
 * Fired after a stored event went through its handler (or had none), inside the attempt's transaction: what
 * watches every event of a provider (Stripe's API-version drift and detail line) observes this.
 */
public record EventDispatched(ReceivedEvent event, Outcome outcome) {
}
