package io.billhook.dunning.boundary;

import io.billhook.dunning.control.DunningClock;
import io.billhook.dunning.control.DunningPolicies;
import io.billhook.dunning.entity.Policy;
import io.billhook.schema.boundary.SchemaMigration;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.Timeout;
import jakarta.ejb.TimerConfig;
import jakarta.ejb.TimerService;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Checks the dunning policy at the start (a policy that cannot be used stops it, with every reason) and runs the
 * due steps every {@code BILLHOOK_DUNNING_INTERVAL} ({@code 0}: never). Due times are stored, not timers in memory:
 * a step whose time came while no node ran runs at the next start.
 */
@Singleton
@Startup
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class DunningSchedule {

    private static final System.Logger LOG = System.getLogger(DunningSchedule.class.getName());

    /** Cases moved on per transaction. */
    private static final int BATCH = 100;

    @Inject
    SchemaMigration schema;

    @Inject
    DunningPolicies policies;

    @Inject
    DunningSteps steps;

    @Inject
    DunningClock clock;

    @Resource
    TimerService timers;

    @Inject
    @ConfigProperty(name = "BILLHOOK_DUNNING_INTERVAL", defaultValue = "1m")
    Duration interval;

    @PostConstruct
    void start() {
        LOG.log(Level.DEBUG, "Schema version {0}", schema.version());
        Policy policy = policies.current();
        LOG.log(Level.INFO, "Dunning policy {0}: {1} steps, the last {2} after the first failure", policy.version(),
                policy.steps().size(), policy.steps().get(policy.steps().size() - 1).after());
        if (!interval.isZero() && !interval.isNegative()) {
            timers.createIntervalTimer(interval.toMillis(), interval.toMillis(), new TimerConfig(null, false));
        }
    }

    @Timeout
    void due() {
        try {
            while (steps.runDue(clock.now(), BATCH) == BATCH) {
                // a full batch: more are due
            }
        } catch (RuntimeException e) {
            // the database may be away: the due steps stay due, and the next run takes them
            LOG.log(Level.WARNING, "Dunning steps not run: {0}", e.getMessage());
        }
    }
}
