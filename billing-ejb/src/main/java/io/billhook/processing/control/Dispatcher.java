package io.billhook.processing.control;

import io.billhook.handling.control.EventCatalogue;
import io.billhook.handling.entity.EventDispatched;
import io.billhook.handling.entity.EventType;
import io.billhook.handling.entity.Outcome;
import io.billhook.handling.entity.ReceivedEvent;
import io.billhook.inbox.entity.WebhookEvent;
import jakarta.enterprise.context.Dependent;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.Optional;

/**
 * Hands a stored event to the feature that declared its type in the {@link EventCatalogue}; a type nobody
 * declared is IGNORED, with its reason. Knows no feature.
 */
@Dependent
public class Dispatcher {

    @Inject
    EventCatalogue catalogue;

    @Inject
    Event<EventDispatched> dispatched;

    public Outcome dispatch(WebhookEvent stored) {
        ReceivedEvent event = received(stored);
        Outcome outcome = handle(event);
        dispatched.fire(new EventDispatched(event, outcome));
        return outcome;
    }

    /** The handler's work alone, for a dry run: nothing is told that the event was dispatched. */
    public Outcome rehearse(ReceivedEvent event) {
        return handle(event);
    }

    public static ReceivedEvent received(WebhookEvent stored) {
        return new ReceivedEvent(stored.id(), stored.provider(), stored.providerEventId(), stored.type(),
                stored.payload(), stored.correlationId());
    }

    private Outcome handle(ReceivedEvent event) {
        Optional<EventType> type = catalogue.find(event.provider(), event.type());
        return type.isPresent() ? type.get().apply().apply(event)
                : Outcome.ignored("informational: " + event.provider().key() + " " + event.type()
                        + " has no effect on billing");
    }
}
