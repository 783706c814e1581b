package io.billhook.health.boundary;

import io.billhook.Jndi;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSRuntimeException;
import jakarta.jms.Queue;
import jakarta.jms.QueueBrowser;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready while the messaging engine or the webhook queue cannot be reached. */
@Readiness
@ApplicationScoped
public class MessagingReadiness implements HealthCheck {

    @Resource(lookup = Jndi.CONNECTION_FACTORY)
    ConnectionFactory connectionFactory;

    @Resource(lookup = Jndi.WEBHOOK_EVENTS_QUEUE)
    Queue queue;

    @Override
    public HealthCheckResponse call() {
        try (JMSContext jms = connectionFactory.createContext(); QueueBrowser browser = jms.createBrowser(queue)) {
            browser.getEnumeration();
            return HealthCheckResponse.named("messaging").up().build();
        } catch (JMSRuntimeException | jakarta.jms.JMSException e) {
            UnreadyLog.once("messaging", String.valueOf(e.getMessage()));
            return HealthCheckResponse.named("messaging").down().build();
        }
    }
}
