package io.billhook.backfill.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackfillRequestTest {

    private static final Instant AN_HOUR_AGO = Instant.now().minus(Duration.ofHours(1));

    @Test
    void aListingPerTypeOrOneOfEveryType() {
        assertEquals(List.of("invoice.*", "charge.refunded"),
                new BackfillRequest(AN_HOUR_AGO, List.of("invoice.*", "charge.refunded"), false).listings());
        assertEquals(Collections.singletonList(null), new BackfillRequest(AN_HOUR_AGO, null, true).listings());
    }

    @Test
    void refusesWhatStripeCannotAnswer() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new BackfillRequest(
                Instant.now().minus(Duration.ofDays(31)), List.of(), false)).getMessage().contains("30 days"));
        assertThrows(IllegalArgumentException.class, () -> new BackfillRequest(Instant.now().plusSeconds(60), List.of(), false));
        assertThrows(IllegalArgumentException.class, () -> new BackfillRequest(null, List.of(), false));
        for (String type : List.of("Invoice.paid", "invoice paid", "*", "invoice.*.paid", "")) {
            assertThrows(IllegalArgumentException.class, () -> new BackfillRequest(AN_HOUR_AGO, List.of(type), false), type);
        }
        String[] many = new String[BackfillRequest.MOST_TYPES + 1];
        Arrays.fill(many, "invoice.paid");
        assertThrows(IllegalArgumentException.class, () -> new BackfillRequest(AN_HOUR_AGO, List.of(many), false));
    }
}
