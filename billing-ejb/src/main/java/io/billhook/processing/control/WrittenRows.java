package io.billhook.processing.control;

import jakarta.enterprise.context.Dependent;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The domain rows the current transaction has written, found by their {@code xmin}, the transaction that wrote
 * their version: whatever wrote them (an entity, a native upsert), no list of what a handler touches is kept by
 * hand. Every table of the schema with a primary key counts, but the pipeline's own ({@code webhook_*}, the
 * backfill runs, the migrations). Each is read in full, so this is for dry runs, not for the processing path.
 */
@Dependent
public class WrittenRows {

    /** A row as PostgreSQL renders it ({@code to_jsonb}), with its table and the columns of that table's key. */
    public record Written(String table, List<String> keyColumns, String row) {
    }

    private static final String DOMAIN_TABLES = """
            SELECT c.relname, string_agg(a.attname, ',' ORDER BY array_position(i.indkey::int2[], a.attnum))
              FROM pg_class c
              JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary
              JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY (i.indkey)
             WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind = 'r' AND NOT c.relispartition
               AND c.relname NOT LIKE 'webhook\\_%' AND c.relname NOT IN ('flyway_schema_history', 'stripe_backfill')
             GROUP BY c.relname ORDER BY c.relname""";

    @PersistenceContext
    EntityManager em;

    /** What this transaction has written so far, after what the persistence context holds is flushed. */
    public List<Written> all() {
        em.flush();
        @SuppressWarnings("unchecked")
        List<Object[]> tables = em.createNativeQuery(DOMAIN_TABLES).getResultList();
        if (tables.isEmpty()) {
            return List.of();
        }
        String union = tables.stream().map(table -> "SELECT " + literal((String) table[0]) + ", to_jsonb(t)::text FROM "
                        + identifier((String) table[0]) + " t WHERE t.xmin = pg_current_xact_id_if_assigned()::xid")
                .collect(Collectors.joining(" UNION ALL "));
        List<String> keys = tables.stream().map(table -> (String) table[1]).toList();
        List<String> names = tables.stream().map(table -> (String) table[0]).toList();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(union).getResultList();
        return rows.stream().map(row -> {
            String table = (String) row[0];
            return new Written(table, Arrays.asList(keys.get(names.indexOf(table)).split(",")), (String) row[1]);
        }).toList();
    }

    public static String identifier(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    private static String literal(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
