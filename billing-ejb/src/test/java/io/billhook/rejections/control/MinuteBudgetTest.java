package io.billhook.rejections.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class MinuteBudgetTest {

    private final AtomicLong millis = new AtomicLong(1_800_000_000_000L);
    private final MinuteBudget budget = new MinuteBudget(5, new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    });

    @Test
    void theFirstFewOfAMinuteAreGrantedThenTheFirstOfTheNextCountsTheRest() {
        int written = 0;
        for (int i = 0; i < 1_000; i++) {
            written += budget.take("stripe invalid-signature").granted() ? 1 : 0;
        }
        assertEquals(5, written, "a flood is granted five a minute");
        assertEquals(new MinuteBudget.Grant(true, 0), budget.take("stripe stale-signature"), "another kind has its own budget");
        millis.addAndGet(60_000);
        assertEquals(new MinuteBudget.Grant(true, 995), budget.take("stripe invalid-signature"),
                "the next minute's first grant says how many were refused");
        assertEquals(new MinuteBudget.Grant(true, 0), budget.take("stripe invalid-signature"));
    }
}
