package io.billhook.reconciliation.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.billhook.reconciliation.entity.Drift.FieldDrift;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DriftTest {

    private static MirrorState invoice(String status, String paid) {
        return new MirrorState(MirroredObject.INVOICES, "in_1", Map.of("status", status, "amount_paid", paid));
    }

    @Test
    void fieldsThatDifferAreListedWithBothValues() {
        Drift drift = Drift.between(MirroredObject.INVOICES, "in_1", Optional.of(invoice("open", "0")),
                Optional.of(invoice("paid", "19900"))).orElseThrow();
        assertEquals(Drift.Kind.DIFFERENT, drift.drift());
        assertEquals(List.of(new FieldDrift("amount_paid", "0", "19900"), new FieldDrift("status", "open", "paid")),
                drift.fields().stream().sorted(Comparator.comparing(FieldDrift::field)).toList());
        assertTrue(drift.repairable());
    }

    @Test
    void equalObjectsHaveNoDrift() {
        assertTrue(Drift.between(MirroredObject.INVOICES, "in_1", Optional.of(invoice("paid", "1")),
                Optional.of(invoice("paid", "1"))).isEmpty());
    }

    @Test
    void anObjectOnOneSideOnlyIsMissingOnTheOther() {
        assertEquals(Drift.Kind.MISSING_LOCALLY, Drift.between(MirroredObject.INVOICES, "in_1", Optional.empty(),
                Optional.of(invoice("paid", "1"))).orElseThrow().drift());
        Drift onlyHere = Drift.between(MirroredObject.INVOICES, "in_1", Optional.of(invoice("paid", "1")), Optional.empty())
                .orElseThrow();
        assertEquals(Drift.Kind.MISSING_AT_STRIPE, onlyHere.drift());
        assertFalse(onlyHere.repairable(), "a repair deletes nothing");
    }

    @Test
    void kindsAreNamedAsTheCliNamesThem() {
        assertEquals(EnumSet.of(MirroredObject.INVOICES), ReconcileRequest.objects(List.of("invoices")));
        assertEquals(EnumSet.allOf(MirroredObject.class), new ReconcileRequest(null, Set.of(), false).objects());
        assertThrows(IllegalArgumentException.class, () -> ReconcileRequest.objects(List.of("charges")));
    }
}
