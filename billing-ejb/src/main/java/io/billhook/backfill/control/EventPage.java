package io.billhook.backfill.control;

import io.billhook.Jsonp;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.time.Instant;
import java.util.List;

/** One page of Stripe's Events API, newest first: the events as Stripe rendered them, and whether older ones follow. */
public record EventPage(List<FetchedEvent> events, boolean hasMore) {

    /** One event of a page: the fields the inbox needs, when Stripe created it, and its JSON as the payload to store. */
    public record FetchedEvent(String id, String type, String apiVersion, Instant created, String json) {
    }

    public static EventPage parse(String body) {
        JsonObject page;
        try (JsonReader reader = Jsonp.PROVIDER.createReader(new StringReader(body))) {
            page = reader.readObject();
        } catch (RuntimeException e) {
            throw new IllegalStateException("the Events API answered something that is not a JSON object: " + e.getMessage(), e);
        }
        if (!"list".equals(page.getString("object", null)) || !(page.get("data") instanceof jakarta.json.JsonArray data)) {
            throw new IllegalStateException("the Events API answered something that is not a list of events");
        }
        List<FetchedEvent> events = data.stream().map(JsonValue::asJsonObject).map(EventPage::event).toList();
        return new EventPage(events, page.getBoolean("has_more", false));
    }

    /** The id of the page's oldest event, where the next page starts. */
    public String last() {
        return events.get(events.size() - 1).id();
    }

    private static FetchedEvent event(JsonObject event) {
        String id = event.getString("id", null);
        String type = event.getString("type", null);
        if (id == null || type == null || !"event".equals(event.getString("object", null))) {
            throw new IllegalStateException("the Events API listed something that is not an event: " + id);
        }
        String apiVersion = event.get("api_version") instanceof JsonString version ? version.getString() : null;
        Instant created = event.get("created") instanceof JsonNumber seconds ? Instant.ofEpochSecond(seconds.longValue())
                : Instant.EPOCH;
        return new FetchedEvent(id, type, apiVersion, created, event.toString());
    }
}
