package io.billhook.processing.boundary;

import io.billhook.Jndi;
import io.billhook.inbox.control.WakeupMessage;
import io.billhook.processing.entity.Reminder;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.List;

/**
 * Receives the wake-up for stored events and has them processed, together where they can be. The message is only a
 * reminder, so it is not part of the processing transaction: if this server dies mid-way, the row is still RECEIVED
 * and the sweeper wakes it again.
 */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = Jndi.WEBHOOK_EVENTS_QUEUE),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Queue")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class WebhookEventConsumer implements MessageListener {

    @Inject
    WebhookProcessor processor;

    @Override
    public void onMessage(Message message) {
        List<Reminder> reminders;
        try {
            List<Long> ids = WakeupMessage.ids(message.getBody(String.class));
            reminders = Reminder.of(ids,
                    WakeupMessage.perId(message.getStringProperty(WakeupMessage.CORRELATION_IDS), ids.size()),
                    WakeupMessage.perId(message.getStringProperty(WakeupMessage.TRACE_PARENTS), ids.size()));
        } catch (JMSException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a webhook wake-up message", e);
        }
        processor.process(reminders);
    }
}
