package io.billhook.inbox.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchWriterTest {

    @Test
    void anErrorRefusesItsBatchAndTheWriterGoesOn() throws Exception {
        ArrayBlockingQueue<String> queue = new ArrayBlockingQueue<>(10);
        List<String> stored = new CopyOnWriteArrayList<>();
        List<String> refused = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        AtomicBoolean open = new AtomicBoolean(true);
        BatchWriter<String> writer = new BatchWriter<>(queue, 5, batch -> {
            if (calls.incrementAndGet() == 1) {
                throw new OutOfMemoryError("simulated");
            }
            stored.addAll(batch);
        }, (batch, error) -> refused.addAll(batch), () -> { }, open::get);
        Thread thread = new Thread(writer);
        thread.start();

        queue.put("first");
        await(() -> refused.contains("first"));
        thread.interrupt();
        queue.put("second");
        await(() -> stored.contains("second"));
        assertTrue(thread.isAlive(), "the writer outlived an Error and an interrupt");

        open.set(false);
        thread.interrupt();
        thread.join(5_000);
        assertFalse(thread.isAlive(), "a closed inbox's writer ends");
        assertEquals(List.of("first"), refused);
    }

    @Test
    void aWriterWithNothingToStoreSaysItIsIdle() throws Exception {
        ArrayBlockingQueue<String> queue = new ArrayBlockingQueue<>(10);
        AtomicInteger idle = new AtomicInteger();
        AtomicBoolean open = new AtomicBoolean(true);
        Thread thread = new Thread(new BatchWriter<>(queue, 5, batch -> { }, (batch, error) -> { }, idle::incrementAndGet,
                open::get));
        thread.start();
        await(() -> idle.get() >= 2);
        open.set(false);
        thread.interrupt();
        thread.join(5_000);
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 5_000;
        while (!condition.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < deadline, "not within 5 s");
            Thread.sleep(10);
        }
    }
}
