package io.billhook.dunning.boundary;

import io.billhook.GaugeReading;
import io.billhook.Jndi;
import io.billhook.Jsonp;
import io.billhook.dunning.control.DunningPolicies;
import io.billhook.dunning.entity.DunningState;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;

/**
 * The open dunning cases, read from the database when metrics are scraped (one query a scrape):
 * {@code billhook_dunning_cases{state}}, and {@code billhook_dunning_revenue_at_risk{currency}}, the amount due of the
 * open cases in minor units, a gauge for each currency once one is at risk. NaN while the database cannot be read.
 */
@ApplicationScoped
public class DunningGauges {

    /** One row: the open cases by policy version and step, and the amount due by currency, as JSON. */
    private static final String OPEN = """
            SELECT (SELECT coalesce(json_agg(json_build_array(policy_version, step, cases)), '[]')::text
                      FROM (SELECT policy_version, step, count(*) AS cases FROM dunning_case
                             WHERE closed_at IS NULL GROUP BY policy_version, step) s),
                   (SELECT coalesce(json_agg(json_build_array(currency, due)), '[]')::text
                      FROM (SELECT currency, sum(amount_due) AS due FROM dunning_case
                             WHERE closed_at IS NULL AND currency IS NOT NULL
                             GROUP BY currency) c)""";

    private static final Metadata AT_RISK = Metadata.builder().withName("billhook.dunning.revenue.at.risk")
            .withUnit(MetricUnits.NONE)
            .withDescription("the amount due of the open dunning cases, in the currency's minor units").build();

    @Resource(lookup = Jndi.DATA_SOURCE)
    DataSource dataSource;

    @Inject
    MetricRegistry metrics;

    @Inject
    DunningPolicies policies;

    private final Set<String> currencies = ConcurrentHashMap.newKeySet();

    private final GaugeReading<Open> open = new GaugeReading<>(OPEN, row -> new Open(row.getString(1), row.getString(2)),
            new Open(null, null));

    void register(@Observes @Initialized(ApplicationScoped.class) Object applicationStarted) {
        Metadata cases = Metadata.builder().withName("billhook.dunning.cases").withUnit(MetricUnits.NONE)
                .withDescription("open dunning cases by the state they have reached (grace: no step run yet)").build();
        for (DunningState state : DunningState.values()) {
            if (state != DunningState.NONE) {
                metrics.gauge(cases, () -> byState().getOrDefault(state, Double.NaN),
                        new Tag("state", state.name().toLowerCase(Locale.ROOT)));
            }
        }
    }

    private Map<DunningState, Double> byState() {
        Open now = open.get(dataSource);
        if (now.cases() == null) {
            return Map.of();
        }
        Map<DunningState, Double> counts = new EnumMap<>(DunningState.class);
        for (DunningState state : DunningState.values()) {
            counts.put(state, 0.0);
        }
        for (JsonValue value : parse(now.cases())) {
            JsonArray row = value.asJsonArray();
            int step = row.getInt(1);
            DunningState state = step < 0 ? DunningState.GRACE
                    : policies.version(row.getString(0)).steps().get(step).state();
            counts.merge(state, row.getJsonNumber(2).doubleValue(), Double::sum);
        }
        for (Map.Entry<String, Double> due : atRisk(now).entrySet()) {
            if (currencies.add(due.getKey())) {
                metrics.gauge(AT_RISK, () -> atRisk(open.get(dataSource)).getOrDefault(due.getKey(), 0.0),
                        new Tag("currency", due.getKey().toLowerCase(Locale.ROOT)));
            }
        }
        return counts;
    }

    private static Map<String, Double> atRisk(Open now) {
        Map<String, Double> due = new TreeMap<>();
        if (now.atRisk() != null) {
            for (JsonValue value : parse(now.atRisk())) {
                due.put(value.asJsonArray().getString(0), value.asJsonArray().getJsonNumber(1).doubleValue());
            }
        }
        return due;
    }

    private static JsonArray parse(String json) {
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(json))) {
            return reader.readArray();
        }
    }

    private record Open(String cases, String atRisk) {
    }
}
