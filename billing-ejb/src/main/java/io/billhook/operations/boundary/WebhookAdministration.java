package io.billhook.operations.boundary;

import io.billhook.Causes;
import io.billhook.Jndi;
import io.billhook.inbox.control.EventQueue;
import io.billhook.inbox.entity.Wakeup;
import io.billhook.inbox.entity.WebhookEvent;
import io.billhook.inbox.entity.WebhookEvents;
import io.billhook.inbox.entity.WebhookFilter;
import io.billhook.inbox.entity.WebhookStatus;
import io.billhook.operations.entity.RetryPreview;
import io.billhook.operations.entity.RetryReport;
import io.billhook.operations.entity.UnknownWebhookEvent;
import io.billhook.operations.entity.WebhookDetail;
import io.billhook.operations.entity.WebhookDetail.AttemptRecord;
import io.billhook.operations.entity.WebhookPage;
import io.billhook.operations.entity.WebhookSummary;
import io.billhook.processing.boundary.EffectPreviews;
import io.billhook.processing.entity.EffectPreview;
import jakarta.annotation.Resource;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * What operators do with stored events: list them (newest first, paged by id so a page never shifts while
 * new events arrive), look at one with its attempts, and have one or all failed ones processed again.
 */
@Stateless
public class WebhookAdministration {

    private static final System.Logger LOG = System.getLogger(WebhookAdministration.class.getName());

    private static final String COLUMNS = """
            id, provider, provider_event_id, event_type, status, attempts, received_at, processed_at,
            processing_millis, next_attempt_at, last_error, correlation_id, company_id, source""";

    @Resource(lookup = Jndi.DATA_SOURCE)
    DataSource dataSource;

    @Inject
    WebhookEvents events;

    @Inject
    EventQueue queue;

    @Inject
    EffectPreviews previews;

    public WebhookPage list(WebhookFilter filter, Long before, int limit) {
        String sql = "SELECT " + COLUMNS + " FROM webhook_event " + WebhookEvents.MATCHING
                + " AND (?::bigint IS NULL OR id < ?) ORDER BY id DESC LIMIT ?";
        try (Connection db = dataSource.getConnection(); PreparedStatement query = db.prepareStatement(sql)) {
            int next = WebhookEvents.bind(query, filter);
            query.setObject(next, before);
            query.setObject(next + 1, before);
            query.setInt(next + 2, limit + 1);
            List<WebhookSummary> items = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    items.add(summary(rows));
                }
            }
            boolean more = items.size() > limit;
            List<WebhookSummary> page = more ? items.subList(0, limit) : items;
            return new WebhookPage(List.copyOf(page), more ? Long.toString(page.get(page.size() - 1).id()) : null);
        } catch (SQLException e) {
            throw new IllegalStateException("the webhook events cannot be read: " + e.getMessage(), e);
        }
    }

    public Optional<WebhookDetail> find(long id) {
        try (Connection db = dataSource.getConnection();
             PreparedStatement event = db.prepareStatement("SELECT " + COLUMNS + ", payload::text FROM webhook_event WHERE id = ?");
             PreparedStatement attempts = db.prepareStatement("""
                     SELECT attempt, started_at, finished_at, duration_millis, outcome, error_class, error_message, correlation_id
                       FROM webhook_attempt WHERE webhook_event_id = ? ORDER BY attempt, id""")) {
            event.setLong(1, id);
            try (ResultSet row = event.executeQuery()) {
                if (!row.next()) {
                    return Optional.empty();
                }
                WebhookSummary summary = summary(row);
                String payload = row.getString(15);
                attempts.setLong(1, id);
                List<AttemptRecord> history = new ArrayList<>();
                try (ResultSet rows = attempts.executeQuery()) {
                    while (rows.next()) {
                        String error = rows.getString(6) == null ? null : rows.getString(6) + ": " + rows.getString(7);
                        history.add(new AttemptRecord(rows.getInt(1), time(rows, 2), time(rows, 3), rows.getLong(4),
                                rows.getString(5), error, rows.getString(8)));
                    }
                }
                return Optional.of(new WebhookDetail(summary, payload, history));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the webhook event cannot be read: " + e.getMessage(), e);
        }
    }

    /** Has the event processed again now; a PROCESSED one only with {@code force}. */
    public WebhookSummary retry(long id, boolean force) {
        WebhookEvent event = events.requeue(id, force).orElseThrow(() -> new UnknownWebhookEvent(id));
        queue.wakeUp(List.of(event.wakeup()));
        LOG.log(Level.INFO, "Operator retry of webhook event {0} ({1} {2}){3}", id, event.type(), event.providerEventId(),
                force ? ", forced" : "");
        return find(id).orElseThrow().event();
    }

    /** What {@link #retry} would do now, found by running the handler in a transaction that is rolled back. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public RetryPreview previewRetry(long id, boolean force) {
        EffectPreview effects = previews.ofStored(id, force).orElseThrow(() -> new UnknownWebhookEvent(id));
        return new RetryPreview(find(id).orElseThrow(() -> new UnknownWebhookEvent(id)).event(), effects);
    }

    /**
     * Every FAILED event that matches (or every QUARANTINED one, when the filter names that status: resolved again),
     * processed again; a dry run changes nothing and says what it would do.
     */
    public RetryReport retryFailed(WebhookFilter filter, boolean dryRun) {
        WebhookFilter failed = new WebhookFilter(filter.provider(),
                filter.status() == WebhookStatus.QUARANTINED ? WebhookStatus.QUARANTINED : WebhookStatus.FAILED,
                filter.type(), filter.since());
        if (dryRun) {
            List<RetryReport.Planned> matched = new ArrayList<>();
            try (Connection db = dataSource.getConnection(); PreparedStatement query = db.prepareStatement(
                    "SELECT id, provider, event_type, last_error FROM webhook_event " + WebhookEvents.MATCHING + " ORDER BY id")) {
                WebhookEvents.bind(query, failed);
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        matched.add(new RetryReport.Planned(rows.getLong(1), rows.getString(2), rows.getString(3),
                                rows.getString(4), "requeue", null));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("the webhook events cannot be read: " + e.getMessage(), e);
            }
            List<RetryReport.Planned> planned = new ArrayList<>();
            for (RetryReport.Planned event : matched) {
                planned.add(planned.size() < RetryReport.PREVIEWED ? event.with(preview(event.id())) : event);
            }
            return new RetryReport(true, planned.size(), 0, planned.stream().map(RetryReport.Planned::id).toList(), planned);
        }
        List<Wakeup> wakeups = events.requeue(failed);
        queue.wakeUp(wakeups);
        LOG.log(Level.INFO, "Operator retry of {0} failed webhook events", wakeups.size());
        List<Long> ids = wakeups.stream().map(Wakeup::webhookEventId).sorted().toList();
        return new RetryReport(false, ids.size(), ids.size(), ids, List.of());
    }

    private EffectPreview preview(long id) {
        try {
            return previews.ofStored(id, false).orElse(null);
        } catch (RuntimeException refused) {
            // its payload redacted since it failed: the retry itself would be refused
            return EffectPreview.without(EffectPreview.Verdict.FAIL, Causes.rootMessage(refused));
        }
    }

    private static WebhookSummary summary(ResultSet row) throws SQLException {
        return new WebhookSummary(row.getLong(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getInt(6), time(row, 7), time(row, 8), (Long) row.getObject(9, Long.class), time(row, 10),
                row.getString(11), row.getString(12), (Long) row.getObject(13, Long.class), row.getString(14));
    }

    private static OffsetDateTime time(ResultSet row, int column) throws SQLException {
        OffsetDateTime time = row.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.withOffsetSameInstant(ZoneOffset.UTC);
    }
}
