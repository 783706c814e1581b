package io.billhook.inbox.control;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;

/**
 * The inbox's writer threads, for readiness to look at without creating the inbox: the inbox starts its writers
 * with the first delivery, on a thread of the application, and a health probe must not start them on its own.
 */
@ApplicationScoped
public class InboxWriters {

    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean open;

    public void opened() {
        open = true;
    }

    public void closed() {
        open = false;
        synchronized (threads) {
            threads.forEach(Thread::interrupt);
        }
    }

    public void started(Thread writer) {
        synchronized (threads) {
            threads.removeIf(thread -> !thread.isAlive());
            threads.add(writer);
        }
    }

    /** An open inbox without a live writer answers every delivery 503; before the first delivery it is not open. */
    public boolean stalled() {
        synchronized (threads) {
            return open && threads.stream().noneMatch(Thread::isAlive);
        }
    }
}
