package io.billhook.processing.control;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

/**
 * A savepoint before each event of a batch, so that one event's failure undoes that event alone: JTA knows no
 * nested transactions, PostgreSQL does. Written as SQL on the persistence context's own connection, which is the
 * transaction's. A new savepoint of the same name hides the one before it, so none is released: each costs one
 * statement.
 */
@Dependent
public class Savepoints {

    private static final String NAME = "billhook_event";

    @PersistenceContext
    EntityManager em;

    public void set() {
        em.createNativeQuery("SAVEPOINT " + NAME).executeUpdate();
    }

    /** Undoes what was written since the last {@link #set()}, and forgets what the persistence context held. */
    public void rollBack() {
        // cleared first: a query flushes what is pending, and the failed event's changes must not be written
        em.clear();
        em.createNativeQuery("ROLLBACK TO SAVEPOINT " + NAME).executeUpdate();
    }
}
