package io.billhook.processing.boundary;

import io.billhook.Jndi;
import io.billhook.inbox.control.WakeupMessage;
import io.billhook.logging.LogFields;
import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Receives the wake-up for stored events and has each processed in a transaction of its own. The message is only a
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
        List<Long> ids;
        List<String> correlationIds;
        try {
            ids = WakeupMessage.ids(message.getBody(String.class));
            correlationIds = WakeupMessage.correlationIds(message.getStringProperty(WakeupMessage.CORRELATION_IDS),
                    ids.size());
        } catch (JMSException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not a webhook wake-up message", e);
        }
        for (int i = 0; i < ids.size(); i++) {
            try (LogFields fields = LogFields.with(eventFields(ids.get(i), correlationIds.get(i)))) {
                processor.process(ids.get(i));
            }
        }
    }

    private static Map<String, Object> eventFields(long id, String correlationId) {
        Map<String, Object> fields = new HashMap<>();
        fields.put("webhook_event_id", id);
        fields.put("correlation_id", correlationId);
        return fields;
    }
}
