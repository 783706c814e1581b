package io.billhook.rejections.control;

import io.billhook.rejections.entity.Rejection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Refusals counted in memory by kind, and the first few of each kind a minute kept one by one, until a writer
 * takes them as one batch. Counting costs a map update; the sample is bounded by kind and minute and, whatever
 * the kinds, by {@code capacity}, so a flood of forged requests holds a fixed amount of memory.
 */
public final class RejectionTally {

    /** What a writer takes at once. */
    public record Batch(Map<Rejection.Kind, Rejection.Count> counts, List<Rejection> samples) {

        public boolean isEmpty() {
            return counts.isEmpty() && samples.isEmpty();
        }

        public long rejections() {
            return counts.values().stream().mapToLong(Rejection.Count::rejections).sum();
        }
    }

    private final Map<Rejection.Kind, Rejection.Count> counts = new ConcurrentHashMap<>();
    private final BlockingQueue<Rejection> samples;
    private final MinuteBudget sampling;

    public RejectionTally(int samplesPerKindAndMinute, int capacity, Clock clock) {
        this.sampling = new MinuteBudget(samplesPerKindAndMinute, clock);
        this.samples = new ArrayBlockingQueue<>(capacity);
    }

    public void count(Rejection rejection) {
        counts.merge(rejection.kind(), new Rejection.Count(1, rejection.receivedAt()), Rejection.Count::plus);
        if (sampling.take(rejection.provider().key() + " " + rejection.reason()).granted()) {
            samples.offer(rejection);
        }
    }

    /** Everything counted so far; a count that arrives meanwhile stays for the next batch, never lost. */
    public Batch take() {
        Map<Rejection.Kind, Rejection.Count> taken = new HashMap<>();
        for (Rejection.Kind kind : counts.keySet()) {
            Rejection.Count count = counts.remove(kind);
            if (count != null) {
                taken.put(kind, count);
            }
        }
        List<Rejection> sampled = new ArrayList<>();
        samples.drainTo(sampled);
        return new Batch(taken, sampled);
    }

    /** A batch that could not be written is counted again; its sample as far as the room allows. */
    public void giveBack(Batch batch) {
        batch.counts().forEach((kind, count) -> counts.merge(kind, count, Rejection.Count::plus));
        batch.samples().forEach(samples::offer);
    }
}
