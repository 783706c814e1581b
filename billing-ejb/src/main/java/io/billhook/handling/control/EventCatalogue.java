package io.billhook.handling.control;

import io.billhook.handling.entity.CatalogueEntry;
import io.billhook.handling.entity.EventType;
import io.billhook.handling.entity.Provider;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every event type of the three providers that has an effect, made at startup from what the handlers declare:
 * type → handler, lane, effect. A type no handler declares is acknowledged and IGNORED.
 */
@ApplicationScoped
public class EventCatalogue {

    @Inject
    @Any
    Instance<EventHandler> handlers;

    private Map<Key, Declared> types;

    @PostConstruct
    void collect() {
        types = index(handlers.stream().toList());
    }

    /** The catalogue of these handlers; two handlers declaring one type is a defect, refused at startup. */
    static Map<Key, Declared> index(List<? extends EventHandler> handlers) {
        Map<Key, Declared> index = new HashMap<>();
        for (EventHandler handler : handlers) {
            String name = nameOf(handler);
            for (EventType type : handler.handles()) {
                Declared before = index.putIfAbsent(new Key(type.provider(), type.name()), new Declared(type, name));
                if (before != null) {
                    throw new IllegalStateException(type.provider().key() + " " + type.name() + " is declared by "
                            + before.handler() + " and by " + name);
                }
            }
        }
        return Map.copyOf(index);
    }

    public Optional<EventType> find(Provider provider, String type) {
        return Optional.ofNullable(types.get(new Key(provider, type))).map(Declared::type);
    }

    /** Every handled type, by provider and name. */
    public List<CatalogueEntry> entries() {
        return entries(types);
    }

    static List<CatalogueEntry> entries(Map<Key, Declared> types) {
        return types.values().stream()
                .map(d -> new CatalogueEntry(d.type().provider().key(), d.type().name(), d.type().lane(),
                        d.type().effect(), d.handler()))
                .sorted(Comparator.comparing(CatalogueEntry::provider).thenComparing(CatalogueEntry::type))
                .toList();
    }

    /** The handler's own class, not the container's subclass or proxy of it. */
    private static String nameOf(EventHandler handler) {
        Class<?> type = handler.getClass();
        while (type.getName().contains("$") && type.getSuperclass() != null) {
            type = type.getSuperclass();
        }
        return type.getName();
    }

    record Key(Provider provider, String type) {
    }

    record Declared(EventType type, String handler) {
    }
}
