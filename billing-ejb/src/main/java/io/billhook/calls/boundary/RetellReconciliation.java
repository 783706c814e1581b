package io.billhook.calls.boundary;

import io.billhook.Causes;
import io.billhook.calls.control.RetellApi;
import io.billhook.calls.entity.CallReconciliation;
import io.billhook.calls.entity.RetellApiNotConfigured;
import io.billhook.calls.entity.RetellApiUnavailable;
import io.billhook.calls.entity.RetellRefused;
import io.billhook.handling.entity.Provider;
import io.billhook.inbox.boundary.Inbox;
import io.billhook.inbox.entity.EventSource;
import io.billhook.inbox.entity.IncomingEvent;
import io.billhook.inbox.entity.Receipt;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.faulttolerance.exceptions.FaultToleranceException;

/**
 * Lists Retell's calls since a moment and hands each ended call to the inbox as the events its webhooks would have
 * been ({@code call_ended}, and {@code call_analyzed} once Retell has analysed it), the one path every delivery
 * takes: an event stored already, however it came, stays one row and counts as a duplicate, so every billable call
 * gets its call record and its usage once. A call still going on is left to its webhooks.
 */
@Stateless
public class RetellReconciliation {

    private static final System.Logger LOG = System.getLogger(RetellReconciliation.class.getName());

    /** Calls per page of Retell's list: its most. */
    static final int PAGE = 1000;

    @Inject
    RetellApi retell;

    @Inject
    Inbox inbox;

    /** Pages with no transaction open: each event is stored by the inbox's own commit before the next is asked for. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public CallReconciliation reconcile(Instant since) {
        if (!retell.configured()) {
            throw new RetellApiNotConfigured();
        }
        String correlationId = "retell-reconcile-" + Instant.now().getEpochSecond();
        long calls = 0;
        long stored = 0;
        long alreadyStored = 0;
        long notEnded = 0;
        List<String> firstMissing = new ArrayList<>();
        String after = null;
        List<JsonObject> page;
        do {
            page = page(since, after);
            for (JsonObject call : page) {
                calls++;
                String callId = call.getString("call_id", null);
                if (callId == null) {
                    continue;
                }
                after = callId;
                if (!"ended".equals(call.getString("call_status", null))) {
                    notEnded++;
                    continue;
                }
                List<String> events = call.get("call_analysis") instanceof JsonObject
                        ? List.of("call_ended", "call_analyzed") : List.of("call_ended");
                for (String event : events) {
                    String payload = "{\"event\":\"" + event + "\",\"call\":" + call + "}";
                    Receipt receipt = inbox.store(new IncomingEvent(Provider.RETELL, callId + ":" + event, event, null,
                            payload, correlationId, null, EventSource.BACKFILL));
                    if (receipt.duplicate()) {
                        alreadyStored++;
                    } else {
                        stored++;
                        if ("call_ended".equals(event) && firstMissing.size() < CallReconciliation.LISTED) {
                            firstMissing.add(callId);
                        }
                    }
                }
            }
        } while (page.size() == PAGE);
        LOG.log(Level.INFO, "Reconciled Retell calls since {0}: {1} listed, {2} events stored, {3} stored already,"
                + " {4} not ended", since, calls, stored, alreadyStored, notEnded);
        return new CallReconciliation(since, calls, stored, alreadyStored, notEnded, firstMissing);
    }

    private List<JsonObject> page(Instant since, String after) {
        try {
            return retell.calls(since.toEpochMilli(), after, PAGE);
        } catch (IOException | RetellRefused | FaultToleranceException e) {
            throw unavailable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        }
    }

    private static RetellApiUnavailable unavailable(Exception e) {
        return new RetellApiUnavailable("Retell's calls could not be listed: " + Causes.rootMessage(e), e);
    }
}
