package io.billhook.webhooks.boundary;

import io.billhook.Jndi;
import io.billhook.webhooks.control.WakeupMessage;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * Receives the wake-up for stored events and has each processed in a transaction of its own. The message is only a reminder, so
 * it is not part of the processing transaction: if this server dies mid-way, the row is still
 * RECEIVED and the sweeper wakes it again.
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
        List<Long> ids;
        try {
            ids = WakeupMessage.ids(message.getBody(String.class));
        } catch (JMSException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a webhook wake-up message", e);
        }
        for (long id : ids) {
            OffsetDateTime started = OffsetDateTime.now();
            try {
                processor.apply(id, started);
            } catch (RuntimeException e) {
                processor.fail(id, e, started);
            }
        }
    }
}
