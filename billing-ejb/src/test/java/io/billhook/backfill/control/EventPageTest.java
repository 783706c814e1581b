package io.billhook.backfill.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.billhook.backfill.entity.BackfillRequest;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventPageTest {

    @Test
    void readsTheEventsOfAPageAsStripeRenderedThem() {
        EventPage page = EventPage.parse("""
                {"object":"list","url":"/v1/events","has_more":true,"data":[
                 {"id":"evt_2","object":"event","type":"invoice.paid","api_version":"2026-07-29.dahlia","created":1796400000,
                  "data":{"object":{"id":"in_1","object":"invoice"}}},
                 {"id":"evt_1","object":"event","type":"charge.refunded","api_version":null,"created":1796399000,"data":{}}]}""");
        assertTrue(page.hasMore());
        assertEquals("evt_1", page.last());
        EventPage.FetchedEvent first = page.events().get(0);
        assertEquals("invoice.paid", first.type());
        assertEquals("2026-07-29.dahlia", first.apiVersion());
        assertEquals(Instant.ofEpochSecond(1796400000), first.created());
        assertTrue(first.json().contains("\"in_1\""), first.json());
        assertEquals(null, page.events().get(1).apiVersion());
    }

    @Test
    void refusesWhatIsNoListOfEvents() {
        assertThrows(IllegalStateException.class, () -> EventPage.parse("{\"error\":{}}"));
        assertThrows(IllegalStateException.class, () -> EventPage.parse("not json"));
        assertThrows(IllegalStateException.class, () -> EventPage.parse(
                "{\"object\":\"list\",\"data\":[{\"id\":\"in_1\",\"object\":\"invoice\"}],\"has_more\":false}"));
    }

    @Test
    void theQueryAsksForOnePageOfTheListing() {
        BackfillRequest request = new BackfillRequest(Instant.now().minusSeconds(3600), List.of("invoice.*"), true);
        String query = StripeEventPages.query(request, "invoice.*", "evt_9");
        assertEquals("limit=100&created%5Bgte%5D=" + request.since().getEpochSecond()
                + "&type=invoice.*&delivery_success=false&starting_after=evt_9", query);
        assertEquals("limit=100&created%5Bgte%5D=" + request.since().getEpochSecond(),
                StripeEventPages.query(new BackfillRequest(request.since(), List.of(), false), null, null));
    }
}
