package io.billhook.processing.boundary;

import io.billhook.Causes;
import io.billhook.handling.entity.FetchFirst;
import io.billhook.handling.entity.Outcome;
import io.billhook.handling.entity.PermanentFailure;
import io.billhook.handling.entity.ReceivedEvent;
import io.billhook.handling.entity.UnresolvedCompany;
import io.billhook.inbox.entity.WebhookEvent;
import io.billhook.inbox.entity.WebhookEvents;
import io.billhook.processing.control.Dispatcher;
import io.billhook.processing.control.EventSubjects;
import io.billhook.processing.control.WrittenRows;
import io.billhook.processing.entity.EffectPreview;
import io.billhook.processing.entity.EffectPreview.Verdict;
import io.billhook.processing.entity.RowChange;
import jakarta.annotation.Resource;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;

/**
 * Dry runs that show their effects: the event's handler runs in a transaction of its own, the rows that transaction
 * wrote are compared with the committed ones, and the transaction is rolled back. Nothing is dispatched, logged as
 * processed, counted or alerted; a handler that needs the Stripe API first says so instead of fetching.
 */
@Stateless
public class EffectPreviews {

    @Inject
    WebhookEvents events;

    @Inject
    EventSubjects subjects;

    @Inject
    Dispatcher dispatcher;

    @Inject
    WrittenRows written;

    @Inject
    CommittedRows committed;

    @Resource
    SessionContext context;

    /**
     * What a retry of the stored event would do now; refused as the retry itself would be (a PROCESSED event without
     * {@code force}); empty when there is no such event.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public Optional<EffectPreview> ofStored(long webhookEventId, boolean force) {
        context.setRollbackOnly();
        // the locks a real attempt takes, so the preview does not read halfway through one
        subjects.lockAll(List.of(webhookEventId));
        WebhookEvent event = events.locked(webhookEventId);
        if (event == null) {
            return Optional.empty();
        }
        event.requireRequeueable(force);
        return Optional.of(rehearse(Dispatcher.received(event)));
    }

    /** What an event that is not stored would do, were it stored and processed now. */
    @TransactionAttribute(TransactionAttributeType.REQUIRES_NEW)
    public EffectPreview ofUnstored(ReceivedEvent event) {
        context.setRollbackOnly();
        return rehearse(event);
    }

    private EffectPreview rehearse(ReceivedEvent event) {
        Outcome outcome;
        try {
            outcome = dispatcher.rehearse(event);
        } catch (FetchFirst needed) {
            return EffectPreview.without(Verdict.FETCH_FIRST, "would first fetch " + needed.getMessage() + " from the Stripe API");
        } catch (RuntimeException e) {
            Optional<UnresolvedCompany> unresolved = UnresolvedCompany.in(e);
            if (unresolved.isPresent()) {
                return EffectPreview.without(unresolved.get().key() == null ? Verdict.IGNORE : Verdict.QUARANTINE,
                        unresolved.get().getMessage());
            }
            return EffectPreview.without(Verdict.FAIL, (PermanentFailure.isPermanent(e) ? "permanently: " : "")
                    + Causes.rootMessage(e));
        }
        if (!outcome.applied()) {
            return EffectPreview.ignoring(outcome.reason());
        }
        return EffectPreview.applying(written.all().stream()
                .flatMap(row -> RowChange.between(row.table(), row.keyColumns(),
                        committed.find(row.table(), row.keyColumns(), row.row()), row.row()).stream())
                .toList());
    }
}
