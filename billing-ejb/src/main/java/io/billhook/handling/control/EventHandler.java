package io.billhook.handling.control;

import io.billhook.handling.entity.EventType;
import java.util.List;

/**
 * The contract by which a feature plugs into the pipeline: it declares the event types it applies, what each
 * does, and the method that does it. The pipeline finds every implementation through CDI and never imports a
 * feature; the {@link EventCatalogue} is made from these declarations alone.
 */
public interface EventHandler {

    /** The types this feature applies; a type belongs to one handler only. */
    List<EventType> handles();
}
