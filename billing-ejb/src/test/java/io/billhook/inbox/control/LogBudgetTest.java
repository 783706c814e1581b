package io.billhook.inbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogBudgetTest {

    private final AtomicLong millis = new AtomicLong(1_800_000_000_000L);
    private final LogBudget budget = new LogBudget(5, new Clock() {
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
    void theFirstFewLinesOfAMinuteAreWrittenThenOneLineCountsTheRest() {
        int written = 0;
        for (int i = 0; i < 1_000; i++) {
            written += budget.take("stripe invalid-signature").write() ? 1 : 0;
        }
        assertEquals(5, written, "a flood writes five lines a minute");
        assertEquals(new LogBudget.Line(true, 0), budget.take("stripe stale-signature"), "another kind has its own budget");
        millis.addAndGet(60_000);
        assertEquals(new LogBudget.Line(true, 995), budget.take("stripe invalid-signature"),
                "the next minute's first line says how many were not written");
        assertEquals(new LogBudget.Line(true, 0), budget.take("stripe invalid-signature"));
    }
}
