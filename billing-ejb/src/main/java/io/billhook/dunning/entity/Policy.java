package io.billhook.dunning.entity;

import io.billhook.Jsonp;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A dunning policy: a version and its escalation steps by time since an invoice's first failure. Read from a JSON
 * document and refused whole, with every reason, when any part of it cannot be used:
 * <pre>{"version": "2026-12", "steps": [{"name": "reminder", "after": "P0D", "state": "GRACE", "access": "FULL",
 *   "notices": ["failed"]}, …, {"name": "final", "after": "P21D", "state": "FINAL", "access": "BLOCKED",
 *   "notices": ["suspended"], "action": "cancel_subscription"}]}</pre>
 */
public record Policy(String version, List<PolicyStep> steps) {

    /** The notices a step may send. */
    public static final Set<String> NOTICES = Set.of("failed", "action_required", "warning", "restricted", "suspended",
            "recovered");

    public Policy {
        steps = List.copyOf(steps);
    }

    /** The step after {@code step} (an index; -1 before the first), if there is one. */
    public Optional<PolicyStep> after(int step) {
        return step + 1 < steps.size() ? Optional.of(steps.get(step + 1)) : Optional.empty();
    }

    /** The last step whose time has come {@code since} the first failure, as an index; -1 before the first. */
    public int dueAt(Duration since) {
        int due = -1;
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i).after().compareTo(since) <= 0) {
                due = i;
            }
        }
        return due;
    }

    public static Policy parse(String document) {
        JsonObject json;
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(document))) {
            json = reader.readObject();
        } catch (RuntimeException e) {
            throw new PolicyInvalid("the dunning policy is not a JSON object: " + e.getMessage());
        }
        List<String> errors = new ArrayList<>();
        String version = json.get("version") instanceof JsonString text && !text.getString().isBlank() ? text.getString()
                : null;
        if (version == null) {
            errors.add("version: a non-empty string is needed");
        }
        List<PolicyStep> steps = new ArrayList<>();
        if (!(json.get("steps") instanceof JsonArray array) || array.isEmpty()) {
            errors.add("steps: a non-empty array is needed");
        } else {
            Set<String> names = new HashSet<>();
            Duration previous = Duration.ZERO;
            for (int i = 0; i < array.size(); i++) {
                String at = "steps[" + i + "]";
                if (!(array.get(i) instanceof JsonObject step)) {
                    errors.add(at + ": an object is needed");
                    continue;
                }
                String name = step.getString("name", "");
                if (name.isBlank() || !names.add(name)) {
                    errors.add(at + ".name: a name of its own is needed");
                }
                Duration after = duration(step, at, errors);
                if (after != null && after.compareTo(previous) < 0) {
                    errors.add(at + ".after: " + step.getString("after") + " comes before the step above it");
                }
                previous = after == null ? previous : after;
                DunningState state = value(DunningState.class, step, "state", at, errors);
                if (state == DunningState.NONE) {
                    errors.add(at + ".state: NONE is no step's state");
                }
                Access access = value(Access.class, step, "access", at, errors);
                List<String> notices = notices(step, at, errors);
                PolicyStep.FinalAction action = step.containsKey("action")
                        ? value(PolicyStep.FinalAction.class, step, "action", at, errors) : PolicyStep.FinalAction.NONE;
                if (action != null && action != PolicyStep.FinalAction.NONE && i != array.size() - 1) {
                    errors.add(at + ".action: only the last step acts at Stripe");
                }
                steps.add(new PolicyStep(name, after, state, access, notices, action));
            }
        }
        if (!errors.isEmpty()) {
            throw new PolicyInvalid("the dunning policy cannot be used: " + String.join("; ", errors));
        }
        return new Policy(version, steps);
    }

    private static Duration duration(JsonObject step, String at, List<String> errors) {
        try {
            Duration after = Duration.parse(step.getString("after", ""));
            if (after.isNegative()) {
                errors.add(at + ".after: a step cannot come before the failure");
            }
            return after;
        } catch (DateTimeParseException | ClassCastException e) {
            errors.add(at + ".after: an ISO-8601 duration such as P3D or PT12H is needed");
            return null;
        }
    }

    private static <E extends Enum<E>> E value(Class<E> kind, JsonObject step, String field, String at, List<String> errors) {
        String text = step.get(field) instanceof JsonString string ? string.getString() : "";
        try {
            return Enum.valueOf(kind, text.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            List<String> allowed = new ArrayList<>();
            for (E constant : kind.getEnumConstants()) {
                allowed.add(constant.name().toLowerCase(Locale.ROOT));
            }
            errors.add(at + "." + field + ": '" + text + "' is not one of " + allowed);
            return null;
        }
    }

    private static List<String> notices(JsonObject step, String at, List<String> errors) {
        List<String> notices = new ArrayList<>();
        JsonValue value = step.get("notices");
        if (value == null) {
            return notices;
        }
        if (!(value instanceof JsonArray array)) {
            errors.add(at + ".notices: an array is needed");
            return notices;
        }
        for (JsonValue notice : array) {
            String name = notice instanceof JsonString text ? text.getString() : String.valueOf(notice);
            if (!NOTICES.contains(name)) {
                errors.add(at + ".notices: '" + name + "' is not one of " + new TreeSet<>(NOTICES));
            }
            notices.add(name);
        }
        return notices;
    }
}
