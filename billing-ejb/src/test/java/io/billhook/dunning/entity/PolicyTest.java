package io.billhook.dunning.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.billhook.dunning.control.DunningPolicies;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PolicyTest {

    static String builtIn() {
        return DunningPolicies.BUILT_IN;
    }

    @Test
    void theBuiltInPolicyEscalatesOverThreeWeeks() {
        Policy policy = Policy.parse(builtIn());
        assertEquals(List.of("reminder", "warning", "restriction", "suspension", "final"),
                policy.steps().stream().map(PolicyStep::name).toList());
        assertEquals(Duration.ofDays(7), policy.steps().get(2).after());
        assertEquals(Access.LIMITED, policy.steps().get(2).access());
        assertEquals(DunningState.FINAL, policy.steps().get(4).state());
    }

    @Test
    void theStepDueIsTheLastWhoseTimeHasCome() {
        Policy policy = Policy.parse(builtIn());
        assertEquals(0, policy.dueAt(Duration.ZERO));
        assertEquals(0, policy.dueAt(Duration.ofDays(2)));
        assertEquals(1, policy.dueAt(Duration.ofDays(3)));
        assertEquals(3, policy.dueAt(Duration.ofDays(20)));
        assertEquals(4, policy.dueAt(Duration.ofDays(400)));
        assertEquals("warning", policy.after(0).orElseThrow().name());
        assertTrue(policy.after(4).isEmpty());
    }

    @Test
    void aPolicyThatCannotBeUsedIsRefusedWithEveryReason() {
        String message = assertThrows(PolicyInvalid.class, () -> Policy.parse("""
                {"steps": [
                  {"name": "late", "after": "P3D", "state": "WARNING", "access": "FULL"},
                  {"name": "early", "after": "P1D", "state": "GRACE", "access": "SOMETIMES", "action": "cancel_subscription"},
                  {"name": "early", "after": "three days", "state": "NONE", "access": "BLOCKED", "notices": ["postcard"]}
                ]}""")).getMessage();
        for (String reason : List.of("version: a non-empty string is needed", "steps[1].after: P1D comes before the step above it",
                "steps[1].access: 'SOMETIMES' is not one of [full, limited, blocked]",
                "steps[1].action: only the last step acts at Stripe", "steps[2].name: a name of its own is needed",
                "steps[2].after: an ISO-8601 duration", "steps[2].state: NONE is no step's state",
                "steps[2].notices: 'postcard' is not one of")) {
            assertTrue(message.contains(reason), reason + " in: " + message);
        }
        assertThrows(PolicyInvalid.class, () -> Policy.parse("not json"));
        assertThrows(PolicyInvalid.class, () -> Policy.parse("{\"version\": \"v\", \"steps\": []}"));
    }
}
