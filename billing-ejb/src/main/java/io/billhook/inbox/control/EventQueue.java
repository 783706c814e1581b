package io.billhook.inbox.control;

import io.billhook.Jndi;
import io.billhook.handling.entity.Lane;
import io.billhook.inbox.entity.Wakeup;
import io.billhook.inbox.entity.WebhookEvents;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wakes the consumer for stored events. A message carries only row ids: the row is the truth, the
 * message a reminder, so a lost or repeated message is harmless (the sweeper and the status check cover
 * both). That is why wake-ups are non-persistent: writing each to the message store as well would store
 * every event twice on the hot path, and a restart loses nothing the startup sweep does not find.
 * The ids of one lane travel together, a few to a message, since the messaging engine's cost is per
 * message, and the events of one message are applied in one transaction. Sends join the caller's transaction.
 */
@Dependent
public class EventQueue {

    @Inject
    @JMSConnectionFactory(Jndi.CONNECTION_FACTORY)
    JMSContext jms;

    @Resource(lookup = Jndi.WEBHOOK_EVENTS_QUEUE)
    Queue queue;

    @Inject
    WebhookEvents events;

    /** How many event ids one wake-up message carries at most. */
    @Inject
    @ConfigProperty(name = "BILLHOOK_WAKEUP_BATCH", defaultValue = "16")
    int idsPerMessage;

    /**
     * Schedules the next attempt of one event. Unlike the first wake-up this one is persistent: a
     * backoff of minutes must survive a restart.
     */
    public void wakeUpLater(Wakeup wakeup, Duration delay) {
        JMSProducer producer = jms.createProducer()
                .setDeliveryMode(DeliveryMode.PERSISTENT)
                .setPriority(wakeup.lane().jmsPriority())
                .setDeliveryDelay(delay.toMillis());
        about(producer, List.of(wakeup)).send(queue, WakeupMessage.body(List.of(wakeup.webhookEventId())));
    }

    /**
     * More wake-ups than one message holds are a backlog (a burst released, a sweep, a release from quarantine):
     * their subjects are looked up so that the events of one subject share a message ({@link WakeupPacking}).
     */
    public void wakeUp(List<Wakeup> wakeups) {
        JMSProducer producer = jms.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        Map<Long, String> subjects = wakeups.size() > idsPerMessage
                ? events.subjectsOf(wakeups.stream().map(Wakeup::webhookEventId).toList())
                : Map.of();
        Map<Lane, List<Wakeup>> byLane = wakeups.stream()
                .collect(Collectors.groupingBy(Wakeup::lane, () -> new EnumMap<>(Lane.class), Collectors.toList()));
        byLane.forEach((lane, ofLane) -> {
            for (List<Wakeup> chunk : WakeupPacking.pack(ofLane, w -> subjects.get(w.webhookEventId()), idsPerMessage)) {
                about(producer.setPriority(lane.jmsPriority()), chunk)
                        .send(queue, WakeupMessage.body(chunk.stream().map(Wakeup::webhookEventId).toList()));
            }
        });
    }

    /**
     * The per-id properties of a message about {@code wakeups}, and no others: a producer keeps its properties from
     * one send to the next, and one whose values are all null is left out.
     */
    private static JMSProducer about(JMSProducer producer, List<Wakeup> wakeups) {
        producer.clearProperties();
        set(producer, WakeupMessage.CORRELATION_IDS, WakeupMessage.perId(wakeups, Wakeup::correlationId));
        set(producer, WakeupMessage.TRACE_PARENTS, WakeupMessage.perId(wakeups, Wakeup::traceParent));
        return producer;
    }

    private static void set(JMSProducer producer, String name, String value) {
        if (value != null) {
            producer.setProperty(name, value);
        }
    }
}
