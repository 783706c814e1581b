package io.billhook.webhooks.control;

import io.billhook.Jndi;
import io.billhook.webhooks.entity.Wakeup;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Queue;
import java.util.List;

/**
 * Wakes the consumer for stored events. The message carries only the row id: the row is the truth,
 * the message a reminder, so a lost or repeated message is harmless (the sweeper and the status check
 * cover both). That is why wake-ups are non-persistent: writing each to the message store as well would
 * store every event twice on the hot path, and a restart loses nothing the startup sweep does not find.
 * All messages of one call are sent in the caller's transaction, or in one of their own.
 */
@Stateless
public class EventQueue {

    @Inject
    @JMSConnectionFactory(Jndi.CONNECTION_FACTORY)
    JMSContext jms;

    @Resource(lookup = Jndi.WEBHOOK_EVENTS_QUEUE)
    Queue queue;

    public void wakeUp(List<Wakeup> wakeups) {
        JMSProducer producer = jms.createProducer().setDeliveryMode(DeliveryMode.NON_PERSISTENT);
        for (Wakeup wakeup : wakeups) {
            producer.setPriority(wakeup.lane().jmsPriority()).send(queue, Long.toString(wakeup.webhookEventId()));
        }
    }
}
