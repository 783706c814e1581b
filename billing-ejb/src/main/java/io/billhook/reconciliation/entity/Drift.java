package io.billhook.reconciliation.entity;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How one object's local mirror differs from Stripe's object: missing here, missing at Stripe, or fields that differ
 * (each with both values). After a repair, whether it is gone or was kept because the local state is ahead of the
 * one Stripe listed (a later step of the object's progression, which no snapshot undoes).
 */
public record Drift(MirroredObject kind, String id, Kind drift, List<FieldDrift> fields, Repair repair) {

    public enum Kind { MISSING_LOCALLY, MISSING_AT_STRIPE, DIFFERENT }

    /**
     * {@code NONE}: not repaired (a dry run, or nothing a repair can do: it deletes nothing); {@code FAILED}: the
     * repair was refused (its reason is in the log).
     */
    public enum Repair { NONE, REPAIRED, KEPT, FAILED }

    public record FieldDrift(String field, String local, String stripe) {
    }

    public Drift {
        fields = List.copyOf(fields);
    }

    /** The drift between the two sides of one object, if there is one; either side may be absent. */
    public static Optional<Drift> between(MirroredObject kind, String id, Optional<MirrorState> local,
                                          Optional<MirrorState> stripe) {
        if (local.isEmpty() && stripe.isEmpty()) {
            return Optional.empty();
        }
        if (local.isEmpty()) {
            return Optional.of(new Drift(kind, id, Kind.MISSING_LOCALLY, List.of(), Repair.NONE));
        }
        if (stripe.isEmpty()) {
            return Optional.of(new Drift(kind, id, Kind.MISSING_AT_STRIPE, List.of(), Repair.NONE));
        }
        List<FieldDrift> fields = new ArrayList<>();
        stripe.get().fields().forEach((field, value) -> {
            String mine = local.get().fields().get(field);
            if (!Objects.equals(mine, value)) {
                fields.add(new FieldDrift(field, mine, value));
            }
        });
        return fields.isEmpty() ? Optional.empty() : Optional.of(new Drift(kind, id, Kind.DIFFERENT, fields, Repair.NONE));
    }

    public boolean repairable() {
        return drift != Kind.MISSING_AT_STRIPE;
    }

    public Drift after(Repair outcome) {
        return new Drift(kind, id, drift, fields, outcome);
    }
}
