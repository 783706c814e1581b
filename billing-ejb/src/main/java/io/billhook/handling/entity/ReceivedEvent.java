package io.billhook.handling.entity;

import java.util.function.Function;

/**
 * A stored event as a handler sees it. The payload is read into a provider's model once per attempt, however
 * many parts of the pipeline ask for it ({@link #read}).
 */
public final class ReceivedEvent {

    private final long id;
    private final Provider provider;
    private final String providerEventId;
    private final String type;
    private final String payload;
    private final String correlationId;
    private Object model;

    public ReceivedEvent(long id, Provider provider, String providerEventId, String type, String payload,
                         String correlationId) {
        this.id = id;
        this.provider = provider;
        this.providerEventId = providerEventId;
        this.type = type;
        this.payload = payload;
        this.correlationId = correlationId;
    }

    /** The payload as {@code reader} reads it, read on the first call only. */
    @SuppressWarnings("unchecked")
    public <T> T read(Function<String, T> reader) {
        if (model == null) {
            model = reader.apply(payload);
        }
        return (T) model;
    }

    public long id() {
        return id;
    }

    public Provider provider() {
        return provider;
    }

    public String providerEventId() {
        return providerEventId;
    }

    public String type() {
        return type;
    }

    public String payload() {
        return payload;
    }

    public String correlationId() {
        return correlationId;
    }
}
