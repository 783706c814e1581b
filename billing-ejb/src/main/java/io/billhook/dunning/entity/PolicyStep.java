package io.billhook.dunning.entity;

import java.time.Duration;
import java.util.List;

/**
 * One escalation step: how long after the first failure it runs, the state and access it gives the company, the
 * notices it sends, and for the final step what to do at Stripe.
 */
public record PolicyStep(String name, Duration after, DunningState state, Access access, List<String> notices,
                         FinalAction action) {

    public enum FinalAction { NONE, MARK_UNCOLLECTIBLE, CANCEL_SUBSCRIPTION }

    public PolicyStep {
        notices = List.copyOf(notices);
    }
}
