package io.billhook.processing.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.billhook.processing.entity.RowChange.FieldChange;
import io.billhook.processing.entity.RowChange.Operation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RowChangeTest {

    @Test
    void anUpdateListsOnlyTheFieldsThatDiffer() {
        RowChange change = RowChange.between("invoice", List.of("id"),
                Optional.of("{\"id\": 7, \"status\": \"open\", \"amount_paid\": 0, \"currency\": \"usd\"}"),
                "{\"id\": 7, \"status\": \"paid\", \"amount_paid\": 19900, \"currency\": \"usd\"}").orElseThrow();
        assertEquals(Operation.UPDATE, change.operation());
        assertEquals("id=7", change.key());
        assertEquals(List.of(new FieldChange("amount_paid", "0", "19900"), new FieldChange("status", "\"open\"", "\"paid\"")),
                change.fields());
    }

    @Test
    void anInsertListsItsFieldsThatHoldAValue() {
        RowChange change = RowChange.between("stripe_customer", List.of("stripe_customer_id"), Optional.empty(),
                "{\"stripe_customer_id\": \"cus_1\", \"company_id\": 17, \"email\": null}").orElseThrow();
        assertEquals(Operation.INSERT, change.operation());
        assertEquals("stripe_customer_id=cus_1", change.key());
        assertEquals(List.of(new FieldChange("company_id", null, "17"), new FieldChange("stripe_customer_id", null, "\"cus_1\"")),
                change.fields());
    }

    @Test
    void anUpdateThatWritesTheSameValuesIsNoChange() {
        assertTrue(RowChange.between("company", List.of("id"), Optional.of("{\"id\": 1, \"name\": \"A\"}"),
                "{\"id\": 1, \"name\": \"A\"}").isEmpty());
    }

    @Test
    void aKeyOfTwoColumnsNamesBoth() {
        assertEquals("call_id=c1,minute=3", RowChange.between("call_usage", List.of("call_id", "minute"), Optional.empty(),
                "{\"call_id\": \"c1\", \"minute\": 3}").orElseThrow().key());
    }
}
