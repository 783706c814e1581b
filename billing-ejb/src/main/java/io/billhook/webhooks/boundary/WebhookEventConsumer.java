package io.billhook.webhooks.boundary;

import io.billhook.Jndi;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

/**
 * Receives the wake-up for a stored event and has it processed. The message is only a reminder, so
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
        long id;
        try {
            id = Long.parseLong(message.getBody(String.class));
        } catch (JMSException | NumberFormatException e) {
            throw new IllegalArgumentException("not a webhook wake-up message", e);
        }
        try {
            processor.apply(id);
        } catch (RuntimeException e) {
            processor.fail(id, e);
        }
    }
}
