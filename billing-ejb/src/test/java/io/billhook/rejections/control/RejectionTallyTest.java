package io.billhook.rejections.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.billhook.handling.entity.Provider;
import io.billhook.rejections.entity.Rejection;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RejectionTallyTest {

    private static final Instant NOW = Instant.parse("2026-12-01T10:15:30Z");

    private final RejectionTally tally = new RejectionTally(3, 5, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void everyRefusalIsCountedByKindButOnlyTheFirstFewOfAKindAreSampled() {
        for (int i = 0; i < 1_000; i++) {
            tally.count(forged(Provider.STRIPE, "invalid-signature", "c" + i));
        }
        tally.count(forged(Provider.RETELL, "invalid-signature", "r"));
        RejectionTally.Batch batch = tally.take();
        Instant minute = Instant.parse("2026-12-01T10:15:00Z");
        assertEquals(Map.of(new Rejection.Kind(minute, "stripe", "invalid-signature", 400), new Rejection.Count(1_000, NOW),
                new Rejection.Kind(minute, "retell", "invalid-signature", 400), new Rejection.Count(1, NOW)), batch.counts());
        assertEquals(List.of("c0", "c1", "c2", "r"), batch.samples().stream().map(Rejection::correlationId).toList());
        assertTrue(tally.take().isEmpty(), "what was taken is gone");
    }

    @Test
    void theSampleIsBoundedWhateverTheKinds() {
        for (int i = 0; i < 10; i++) {
            tally.count(forged(Provider.STRIPE, "reason-" + i, "c" + i));
        }
        RejectionTally.Batch batch = tally.take();
        assertEquals(10, batch.rejections());
        assertEquals(5, batch.samples().size());
    }

    @Test
    void aBatchGivenBackIsCountedWithWhatCameMeanwhileFromTheFirstOfThem() {
        tally.count(forged(Provider.CALCOM, "missing-signature", "a"));
        RejectionTally.Batch unwritten = tally.take();
        tally.count(new Rejection(Provider.CALCOM, "missing-signature", 400, 1200, "192.0.2.7", "b", NOW.plusSeconds(2)));
        tally.giveBack(unwritten);
        RejectionTally.Batch batch = tally.take();
        assertEquals(2, batch.rejections());
        assertEquals(NOW, batch.counts().values().iterator().next().first(), "the first of them is when the count began");
        List<String> sampled = new ArrayList<>(batch.samples().stream().map(Rejection::correlationId).toList());
        sampled.sort(null);
        assertEquals(List.of("a", "b"), sampled);
    }

    private static Rejection forged(Provider provider, String reason, String correlationId) {
        return new Rejection(provider, reason, 400, 1200, "192.0.2.7", correlationId, NOW);
    }
}
