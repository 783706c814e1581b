package io.billhook.inbox.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.billhook.handling.entity.Provider;
import io.billhook.inbox.entity.IncomingEvent;
import io.billhook.testdb.Deployments;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The inbox writers on Liberty outlive an interrupt while the inbox is open: deliveries are stored afterwards and
 * readiness stays UP. (That an Error inside the loop refuses its batch and the loop goes on is BatchWriterTest.)
 */
@ExtendWith(ArquillianExtension.class)
class InboxWriterIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.billingWithoutConsumer("inbox-writer-it.war");
    }

    @Inject
    Inbox inbox;

    @Inject
    @Readiness
    InboxReadiness readiness;

    @Test
    void theWriterSurvivesAnInterrupt() throws Exception {
        assertFalse(inbox.store(event()).duplicate(), "the writers run");
        writers().forEach(Thread::interrupt);
        Thread.sleep(200);
        assertFalse(inbox.store(event()).duplicate(), "stored after an interrupt of the writer");
        assertTrue(!writers().isEmpty(), "a writer runs");
        assertEquals(HealthCheckResponse.Status.UP, readiness.call().getStatus());
    }

    private static List<Thread> writers() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().startsWith("billhook-inbox-writer-") && thread.isAlive())
                .toList();
    }

    private static IncomingEvent event() {
        String id = "evt_writer_" + UUID.randomUUID();
        return new IncomingEvent(Provider.STRIPE, id, "price.created", "2026-07-29.dahlia",
                "{\"id\":\"" + id + "\",\"object\":\"event\",\"type\":\"price.created\",\"created\":1,\"data\":{\"object\":{}}}",
                UUID.randomUUID().toString());
    }
}
