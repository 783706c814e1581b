package io.billhook.alerts.boundary;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.billhook.testdb.Deployments;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.transaction.UserTransaction;
import java.util.UUID;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An alert raised in a transaction is told when that transaction commits, and never when it rolls back. */
@ExtendWith(ArquillianExtension.class)
class AlertAfterCommitIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.billingWithoutConsumer("alert-after-commit-it.war");
    }

    @Inject
    Alerts alerts;

    @Inject
    MetricRegistry metrics;

    @Resource(lookup = "java:comp/UserTransaction")
    UserTransaction transaction;

    @Test
    void anAlertOfARolledBackTransactionIsNeverTold() throws Exception {
        long before = told();
        transaction.begin();
        alerts.circuitOpened("rolled-back-" + UUID.randomUUID(), "raised, then rolled back");
        assertEquals(before, told(), "nothing is told before the commit");
        transaction.rollback();
        assertEquals(before, told(), "nothing is told after a rollback");

        transaction.begin();
        alerts.circuitOpened("committed-" + UUID.randomUUID(), "raised, then committed");
        assertEquals(before, told(), "nothing is told before the commit");
        transaction.commit();
        assertEquals(before + 1, told(), "told once committed");

        alerts.circuitOpened("outside-" + UUID.randomUUID(), "raised outside a transaction");
        assertEquals(before + 2, told(), "told at once outside a transaction");
    }

    private long told() {
        return metrics.counter("billhook.alerts", new Tag("condition", "circuit-open")).getCount();
    }
}
