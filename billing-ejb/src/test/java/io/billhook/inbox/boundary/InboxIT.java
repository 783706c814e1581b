package io.billhook.inbox.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.billhook.Jndi;
import io.billhook.handling.entity.Lane;
import io.billhook.handling.entity.Provider;
import io.billhook.inbox.control.WakeupMessage;
import io.billhook.inbox.entity.IncomingEvent;
import io.billhook.inbox.entity.Receipt;
import io.billhook.inbox.entity.WebhookEvents;
import io.billhook.testdb.Deployments;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Message;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import jakarta.transaction.UserTransaction;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The inbox on Liberty with PostgreSQL and the embedded messaging engine. The consumer is left out
 * of the deployment, so the wake-up messages stay on the queue to be looked at.
 */
@ExtendWith(ArquillianExtension.class)
class InboxIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.billingWithoutConsumer("inbox-it.war");
    }

    @Inject
    Inbox inbox;

    @Inject
    InboxBatch batches;

    @Inject
    WebhookEvents events;

    @Resource(lookup = "java:comp/UserTransaction")
    UserTransaction transaction;

    @Resource(lookup = Jndi.DATA_SOURCE)
    DataSource dataSource;

    @Resource(lookup = "java:comp/DefaultManagedThreadFactory")
    ManagedThreadFactory threadFactory;

    @Resource(lookup = Jndi.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Resource(lookup = Jndi.WEBHOOK_EVENTS_QUEUE)
    Queue queue;

    @Test
    void aStoredEventIsACommittedRowAndAWakeUpMessageWithItsLanePriority() throws Exception {
        IncomingEvent event = event("evt_" + UUID.randomUUID(), "invoice.paid");
        Receipt receipt = inbox.store(event);

        assertEquals(false, receipt.duplicate());
        // another connection, another transaction: the row is committed when store() returns
        assertEquals("RECEIVED", query("SELECT status FROM webhook_event WHERE id = ?", receipt.id()));
        assertEquals(event.providerEventId(), query("SELECT provider_event_id FROM webhook_event WHERE id = ?", receipt.id()));
        assertEquals(event.correlationId(), query("SELECT correlation_id FROM webhook_event WHERE id = ?", receipt.id()));
        assertEquals("MEDIUM", query("SELECT lane FROM webhook_event WHERE id = ?", receipt.id()));

        Message wakeUp = awaitMessage(receipt.id());
        assertEquals(Lane.MEDIUM.jmsPriority(), wakeUp.getJMSPriority());
    }

    @Test
    void twentyThreadsDeliveringOneEventEndInOneRow() throws Exception {
        IncomingEvent event = event("evt_" + UUID.randomUUID(), "charge.succeeded");
        int threads = 20;
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Receipt>> deliveries = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            deliveries.add(() -> {
                start.await();
                return inbox.store(event);
            });
        }
        // application threads, as a request's is: the inbox's tracer needs the application's context
        ExecutorService pool = Executors.newFixedThreadPool(threads, threadFactory);
        List<Future<Receipt>> futures = new ArrayList<>();
        try {
            deliveries.forEach(delivery -> futures.add(pool.submit(delivery)));
            start.countDown();
            List<Receipt> receipts = new ArrayList<>();
            for (Future<Receipt> future : futures) {
                receipts.add(future.get());
            }
            assertEquals(1, receipts.stream().map(Receipt::id).distinct().count(), "all name the same row");
            assertEquals(1, receipts.stream().filter(r -> !r.duplicate()).count(), "exactly one stored it");
        } finally {
            pool.shutdown();
        }
        assertEquals("1", query("SELECT count(*) FROM webhook_event WHERE provider = 'stripe' AND provider_event_id = ?",
                event.providerEventId()));
        assertEquals(Integer.toString(threads - 1), query("""
                SELECT count(*) FROM webhook_duplicate d JOIN webhook_event e ON e.id = d.webhook_event_id
                 WHERE e.provider_event_id = ?""", event.providerEventId()));
    }

    /**
     * Stripe's retries and a sender's own repeats put one event into two writers' batches at once, in any order.
     * Without a common order each batch waits on a key the other has inserted and PostgreSQL refuses one as a
     * deadlock, which the sender sees as a 503.
     */
    /**
     * The processing lock of an event's row ({@code FOR NO KEY UPDATE}) does not hold back the duplicate of it that
     * the inbox records (whose foreign key takes a key-share lock of that row). Were it {@code FOR UPDATE}, a batch
     * recording duplicates and a batch processing their events could wait for each other, which a burst of repeated
     * deliveries met as a deadlock and a 503.
     */
    @Test
    void aDuplicateIsRecordedWhileItsEventIsLockedForProcessing() throws Exception {
        IncomingEvent event = event("evt_" + UUID.randomUUID(), "customer.updated");
        long id = batches.store(List.of(event)).get(0).id();
        ExecutorService threads = Executors.newFixedThreadPool(2, threadFactory);
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            Future<Object> processing = threads.submit(() -> {
                transaction.begin();
                try {
                    assertNotNull(events.locked(id));
                    locked.countDown();
                    release.await(30, TimeUnit.SECONDS);
                } finally {
                    transaction.rollback();
                }
                return null;
            });
            if (!locked.await(10, TimeUnit.SECONDS)) {
                processing.get(1, TimeUnit.SECONDS); // its failure, if it failed
                throw new AssertionError("the row was not locked as processing locks it");
            }
            Future<List<Receipt>> repeated = threads.submit(() -> batches.store(List.of(event)));
            Receipt receipt = repeated.get(10, TimeUnit.SECONDS).get(0);
            assertTrue(receipt.duplicate());
            assertEquals(id, receipt.id());
            release.countDown();
            processing.get(10, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            threads.shutdownNow();
        }
    }

    @Test
    void twoBatchesHoldingTheSameEventsInOppositeOrdersBothSucceed() throws Exception {
        ExecutorService writers = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 30; round++) {
                List<IncomingEvent> events = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    events.add(event("evt_" + UUID.randomUUID(), "customer.updated"));
                }
                List<IncomingEvent> reversed = new ArrayList<>(events);
                Collections.reverse(reversed);
                CountDownLatch start = new CountDownLatch(1);
                Future<List<Receipt>> forwards = writers.submit(() -> {
                    start.await();
                    return batches.store(events);
                });
                Future<List<Receipt>> backwards = writers.submit(() -> {
                    start.await();
                    return batches.store(reversed);
                });
                start.countDown();
                List<Receipt> first = forwards.get();
                List<Receipt> second = new ArrayList<>(backwards.get());
                Collections.reverse(second);
                for (int i = 0; i < events.size(); i++) {
                    assertEquals(first.get(i).id(), second.get(i).id(), "both name one row");
                    assertTrue(first.get(i).duplicate() != second.get(i).duplicate(), "exactly one of them stored it");
                }
            }
        } finally {
            writers.shutdown();
        }
    }

    private static IncomingEvent event(String id, String type) {
        String payload = "{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"" + type
                + "\",\"data\":{\"object\":{}}}";
        return new IncomingEvent(Provider.STRIPE, id, type, "2026-07-29.dahlia", payload, UUID.randomUUID().toString());
    }

    private String query(String sql, Object parameter) throws SQLException {
        try (Connection db = dataSource.getConnection(); PreparedStatement query = db.prepareStatement(sql)) {
            query.setObject(1, parameter);
            try (ResultSet rows = query.executeQuery()) {
                assertTrue(rows.next(), "no row for " + parameter);
                return rows.getString(1);
            }
        }
    }

    private Message awaitMessage(long webhookEventId) throws Exception {
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline) {
            try (JMSContext jms = connectionFactory.createContext(); QueueBrowser browser = jms.createBrowser(queue)) {
                @SuppressWarnings("unchecked")
                Enumeration<Message> messages = browser.getEnumeration();
                for (Message message : Collections.list(messages)) {
                    if (WakeupMessage.ids(message.getBody(String.class)).contains(webhookEventId)) {
                        return message;
                    }
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no wake-up message for event " + webhookEventId + " on " + queue.getQueueName());
    }
}
