package io.billhook.statistics.boundary;

import io.billhook.Jndi;
import io.billhook.statistics.control.StatisticsRollup;
import jakarta.annotation.Resource;
import jakarta.ejb.Schedule;
import jakarta.ejb.Singleton;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * Keeps the statistics rollup small: folds the changes the triggers wrote into it every few seconds. Queries
 * never wait for this: they read the unfolded changes too.
 */
@Singleton
@TransactionManagement(TransactionManagementType.BEAN)
public class StatisticsMaintenance {

    private static final System.Logger LOG = System.getLogger(StatisticsMaintenance.class.getName());

    @Resource(lookup = Jndi.DATA_SOURCE)
    DataSource dataSource;

    @Schedule(second = "*/10", minute = "*", hour = "*", persistent = false)
    void fold() {
        try (Connection db = dataSource.getConnection()) {
            db.setAutoCommit(false);
            StatisticsRollup.fold(db);
            db.commit();
        } catch (SQLException e) {
            // the database may be down or not migrated yet: the changes wait for the next fold
            LOG.log(Level.WARNING, "Could not fold webhook statistics: {0}", e.getMessage());
        }
    }
}
