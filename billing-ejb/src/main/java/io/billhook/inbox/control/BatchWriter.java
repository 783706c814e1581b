package io.billhook.inbox.control;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The loop of an inbox writer: takes whatever has queued up (up to a batch) and stores it, and tells when nothing
 * came for a tenth of a second (the inbox then sends what it held back). Whatever a batch
 * throws (an OutOfMemoryError too) refuses that batch and the loop goes on; an interrupt ends it only once the
 * inbox is closed. Without a writer every delivery would be answered 503 for ever.
 */
public final class BatchWriter<T> implements Runnable {

    private static final System.Logger LOG = System.getLogger(BatchWriter.class.getName());

    private final BlockingQueue<T> queue;
    private final int maxBatch;
    private final Consumer<List<T>> store;
    private final BiConsumer<List<T>, Throwable> refuse;
    private final Runnable idle;
    private final BooleanSupplier open;

    public BatchWriter(BlockingQueue<T> queue, int maxBatch, Consumer<List<T>> store, BiConsumer<List<T>, Throwable> refuse,
                       Runnable idle, BooleanSupplier open) {
        this.queue = queue;
        this.maxBatch = maxBatch;
        this.store = store;
        this.refuse = refuse;
        this.idle = idle;
        this.open = open;
    }

    @Override
    public void run() {
        List<T> batch = new ArrayList<>(maxBatch);
        while (open.getAsBoolean()) {
            try {
                T first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    idle.run();
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
                store.accept(batch);
            } catch (InterruptedException e) {
                if (!open.getAsBoolean()) {
                    return;
                }
                LOG.log(Level.WARNING, "Inbox writer interrupted while the inbox is open; it goes on");
            } catch (Throwable e) {
                LOG.log(Level.ERROR, "Inbox writer failed; the batch is refused", e);
                refuse.accept(List.copyOf(batch), e);
            } finally {
                batch.clear();
            }
        }
    }
}
