package it;

import static it.Billhook.OPERATOR;
import static it.Billhook.VIEWER;
import static it.Billhook.await;
import static it.Billhook.json;
import static it.Billhook.post;
import static it.Billhook.postCalcom;
import static it.Billhook.postRetell;
import static it.Billhook.send;
import static it.Billhook.statusOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Retell calls and Cal.com bookings: signatures, deduplication, company resolution, calls, usage and bookings. */
class ProviderWebhooksIT {

    private static final long COMPANY = 60_000L + (System.nanoTime() % 10_000);

    private static String uniqueNumber() {
        return "+4930" + (1_000_000 + Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 8_999_999L));
    }

    static byte[] retellEvent(String event, String callId, String direction, String from, String to, long durationMs) {
        long start = System.currentTimeMillis() - durationMs - 1000;
        return ("""
                {"event":"%s","call":{"call_id":"%s","call_type":"phone_call","agent_id":"agent_it","direction":"%s",
                 "from_number":"%s","to_number":"%s","call_status":"%s","start_timestamp":%d,"end_timestamp":%d,
                 "duration_ms":%d,"disconnection_reason":"user_hangup","call_cost":{"combined_cost":42.5},
                 "call_analysis":{"call_summary":"asked for a quote","user_sentiment":"Positive"}}}"""
                .formatted(event, callId, direction, from, to, "call_started".equals(event) ? "ongoing" : "ended", start,
                        start + durationMs, durationMs)).getBytes(StandardCharsets.UTF_8);
    }

    private static void assign(long company, String number) {
        HttpResponse<String> response = send("PUT", "/api/admin/companies/" + company + "/phone-numbers/"
                + URLEncoder.encode(number, StandardCharsets.UTF_8).replace("+", "%20").replace("%2B", "%2B"), OPERATOR);
        assertEquals(200, response.statusCode(), response.body());
    }

    @Test
    void anInboundCallIsTheCalledNumbersCompanysAcrossFormatsWithItsUsage() {
        String number = uniqueNumber();
        String spaced = number.substring(0, 3) + " " + number.substring(3, 5) + " " + number.substring(5);
        assign(COMPANY, spaced);
        String callId = "call_it_" + UUID.randomUUID();
        for (String event : new String[] {"call_started", "call_ended", "call_analyzed"}) {
            HttpResponse<String> response = postRetell(retellEvent(event, callId, "inbound", "+15555550100", number, 61_200));
            assertEquals(200, response.statusCode(), response.body());
            await(event, () -> "PROCESSED".equals(statusOf("retell", callId + ":" + event)));
        }
        assertEquals(COMPANY + " ended 61200 43 asked for a quote Positive", Billhook.queryString(
                "SELECT company_id || ' ' || status || ' ' || duration_ms || ' ' || cost_cents || ' ' || summary || ' ' || sentiment"
                        + " FROM call WHERE call_id = ?", callId));
        assertEquals("62 " + COMPANY, Billhook.queryString(
                "SELECT billable_seconds || ' ' || company_id FROM call_usage WHERE call_id = ?", callId));
        assertEquals("HIGH", Billhook.queryString("SELECT lane FROM webhook_event WHERE provider_event_id = ?", callId + ":call_ended"));
    }

    @Test
    void aNumberWrittenWithItsNationalPrefixInParenthesesIsTheSameNumber() {
        String number = uniqueNumber();
        assign(COMPANY, number);
        String callId = "call_it_" + UUID.randomUUID();
        String written = "+49 (0)30 " + number.substring(5);
        postRetell(retellEvent("call_ended", callId, "inbound", "+15555550100", written, 5_000));
        await("applied, not quarantined", () -> "PROCESSED".equals(statusOf("retell", callId + ":call_ended")));
        assertEquals(Long.toString(COMPANY), Billhook.queryString("SELECT company_id::text FROM call WHERE call_id = ?", callId));
    }

    @Test
    void aRepeatedRetellEventIsADuplicateAndAnOutboundCallIsTheCallersCompanys() {
        String number = uniqueNumber();
        assign(COMPANY, number);
        String callId = "call_it_" + UUID.randomUUID();
        byte[] event = retellEvent("call_ended", callId, "outbound", "00" + number.substring(1), "+15555550100", 5_000);
        assertFalse(json(postRetell(event)).getBoolean("duplicate"));
        assertTrue(json(postRetell(event)).getBoolean("duplicate"));
        await("applied", () -> "PROCESSED".equals(statusOf("retell", callId + ":call_ended")));
        assertEquals(Long.toString(COMPANY), Billhook.queryString("SELECT company_id::text FROM call WHERE call_id = ?", callId));
    }

    @Test
    void aCallOfAnUnknownNumberWaitsInQuarantineUntilTheNumberIsAssigned() {
        String number = uniqueNumber();
        String callId = "call_it_" + UUID.randomUUID();
        postRetell(retellEvent("call_ended", callId, "inbound", "+15555550100", number, 3_000));
        await("quarantined", () -> "QUARANTINED".equals(statusOf("retell", callId + ":call_ended")));
        assertEquals("PHONE_NUMBER " + number, Billhook.queryString(
                "SELECT quarantine_kind || ' ' || quarantine_key FROM webhook_event WHERE provider_event_id = ?", callId + ":call_ended"));
        assign(COMPANY, number);
        await("released and applied", () -> "PROCESSED".equals(statusOf("retell", callId + ":call_ended")));
    }

    @Test
    void badRetellAndCalcomDeliveriesAreRefusedAndRecorded() {
        byte[] retell = retellEvent("call_ended", "call_bad", "inbound", "+15555550100", "+15555550101", 1000);
        long now = System.currentTimeMillis();
        assertRefused(post("/webhooks/retell", retell, Map.of()), "missing-signature");
        assertRefused(post("/webhooks/retell", retell, Map.of("x-retell-signature", Billhook.retellSignature(retell, now, "wrong"))),
                "invalid-signature");
        assertRefused(post("/webhooks/retell", retell, Map.of("x-retell-signature",
                Billhook.retellSignature(retell, now - 301_000, Billhook.RETELL_KEY))), "stale-signature");
        assertRefused(post("/webhooks/retell", "{\"event\":\"call_ended\"}".getBytes(StandardCharsets.UTF_8), Map.of(
                "x-retell-signature", Billhook.retellSignature("{\"event\":\"call_ended\"}".getBytes(StandardCharsets.UTF_8), now,
                        Billhook.RETELL_KEY))), "invalid-event");
        byte[] booking = booking("BOOKING_CREATED", "uid-bad", 1L, null);
        assertRefused(post("/webhooks/calcom", booking, Map.of("X-Cal-Signature-256", "no-secret-provided")), "unsigned");
        assertRefused(post("/webhooks/calcom", booking, Map.of("X-Cal-Signature-256", Billhook.calcomSignature(booking, "wrong"))),
                "invalid-signature");
        assertRefused(post("/webhooks/calcom", booking, Map.of()), "missing-signature");
        Billhook.await("the unsigned Cal.com delivery is recorded", () ->
                Billhook.count("SELECT count(*) FROM webhook_rejection WHERE provider = 'calcom' AND reason = 'unsigned'") >= 1, 10);
    }

    @Test
    void bookingsFollowTheirEventsAndARescheduleMovesTheBooking() {
        long eventType = 900_000L + Math.floorMod(System.nanoTime(), 99_999);
        assertEquals(200, send("PUT", "/api/admin/companies/" + COMPANY + "/calcom-mappings/event_type/" + eventType, OPERATOR).statusCode());
        String uid = "uid-" + UUID.randomUUID();
        byte[] created = booking("BOOKING_CREATED", uid, eventType, null);
        calcom(created, "BOOKING_CREATED:" + uid);
        assertTrue(json(postCalcom(created)).getBoolean("duplicate"), "the same delivery again is a duplicate");
        String moved = "uid-" + UUID.randomUUID();
        calcom(booking("BOOKING_RESCHEDULED", moved, eventType, uid), "BOOKING_RESCHEDULED:" + moved);
        calcom(booking("BOOKING_PAID", moved, eventType, null), "BOOKING_PAID:" + moved);
        assertEquals("RESCHEDULED " + moved, Billhook.queryString("SELECT status || ' ' || rescheduled_to FROM booking WHERE uid = ?", uid));
        assertEquals("ACCEPTED " + uid + " true " + COMPANY, Billhook.queryString(
                "SELECT status || ' ' || rescheduled_from || ' ' || paid || ' ' || company_id FROM booking WHERE uid = ?", moved));
        calcom(booking("BOOKING_CANCELLED", moved, eventType, null), "BOOKING_CANCELLED:" + moved);
        assertEquals("CANCELLED", Billhook.queryString("SELECT status FROM booking WHERE uid = ?", moved));
        JsonObject billing = json(send("GET", "/api/admin/companies/" + COMPANY + "/billing", VIEWER));
        assertTrue(billing.getJsonArray("bookings").stream().anyMatch(b -> moved.equals(b.asJsonObject().getString("uid"))));
    }

    @Test
    void aBookingWithoutMappingFindsItsCompanyByTheAttendeesPhone() {
        String number = uniqueNumber();
        assign(COMPANY, number);
        String uid = "uid-" + UUID.randomUUID();
        byte[] body = ("""
                {"triggerEvent":"BOOKING_CREATED","createdAt":"2026-11-27T10:00:00.000Z","payload":{"uid":"%s","bookingId":7,
                 "title":"Intro","eventTypeId":1,"startTime":"2026-12-01T09:00:00Z","endTime":"2026-12-01T09:30:00Z",
                 "status":"ACCEPTED","organizer":{"email":"nobody-%s@example.com"},"attendees":[{"name":"A","email":"a@example.com"}],
                 "responses":{"attendeePhoneNumber":{"value":"%s"}}}}""".formatted(uid, uid, number.replace("+49", "+49 "))).getBytes(StandardCharsets.UTF_8);
        calcom(body, "BOOKING_CREATED:" + uid);
        assertEquals(COMPANY + " " + number, Billhook.queryString("SELECT company_id || ' ' || attendee_phone FROM booking WHERE uid = ?", uid));
    }

    @Test
    void attendeeNumbersOfTwoCompaniesAreAmbiguousAndTheBookingWaitsForAMapping() {
        String ours = uniqueNumber();
        String theirs = uniqueNumber();
        assign(COMPANY, ours);
        assign(COMPANY + 1, theirs);
        String uid = "uid-ambiguous-" + UUID.randomUUID();
        byte[] body = ("""
                {"triggerEvent":"BOOKING_CREATED","createdAt":"2026-11-27T10:00:00.000Z","payload":{"uid":"%s","bookingId":8,
                 "title":"Intro","eventTypeId":2,"startTime":"2026-12-01T09:00:00Z","endTime":"2026-12-01T09:30:00Z",
                 "status":"ACCEPTED","organizer":{"email":"nobody-%s@example.com"},
                 "attendees":[{"name":"A","phoneNumber":"%s"},{"name":"B","phoneNumber":"%s"}]}}"""
                .formatted(uid, uid, ours, theirs)).getBytes(StandardCharsets.UTF_8);
        assertEquals(200, postCalcom(body).statusCode());
        await("quarantined, not billed to either", () -> Billhook.count("SELECT count(*) FROM webhook_event"
                + " WHERE provider_event_id LIKE ? AND status = 'QUARANTINED'", "BOOKING_CREATED:" + uid + ":%") == 1);
        assertEquals(0, Billhook.count("SELECT count(*) FROM booking WHERE uid = ?", uid));
    }

    private static void calcom(byte[] body, String idPrefix) {
        HttpResponse<String> response = postCalcom(body);
        assertEquals(200, response.statusCode(), response.body());
        await(idPrefix + " applied", () -> Billhook.count("SELECT count(*) FROM webhook_event WHERE provider = 'calcom'"
                + " AND provider_event_id LIKE ? AND status = 'PROCESSED'", idPrefix + ":%") == 1);
    }

    @Test
    void aBookingQuarantinedOnItsEventTypeIsReleasedByMappingItsOrganizerWhateverTheCase() {
        String uid = "uid-organizer-" + UUID.randomUUID();
        String organizer = "Org-" + UUID.randomUUID() + "@Example.COM";
        long eventType = 700_000_000L + Math.floorMod(UUID.randomUUID().getMostSignificantBits(), 99_999_999L);
        byte[] body = ("""
                {"triggerEvent":"BOOKING_CREATED","createdAt":"%s","payload":{"uid":"%s","bookingId":43,"title":"Demo",
                 "eventTypeId":%d,"startTime":"2026-12-01T10:00:00Z","endTime":"2026-12-01T10:30:00Z","status":"ACCEPTED",
                 "organizer":{"id":2,"name":"Org","email":"%s","timeZone":"Europe/Berlin"},
                 "attendees":[{"name":"Ada","email":"ada@example.com","timeZone":"Europe/Berlin"}]}}"""
                .formatted(java.time.Instant.now(), uid, eventType, organizer)).getBytes(StandardCharsets.UTF_8);
        String eventId = "BOOKING_CREATED:" + uid + ":";
        assertEquals(200, postCalcom(body).statusCode());
        await("quarantined on its event type", () -> Billhook.count(
                "SELECT count(*) FROM webhook_event WHERE provider_event_id LIKE ? || '%' AND status = 'QUARANTINED'"
                        + " AND quarantine_kind = 'CALCOM_EVENT_TYPE'", eventId) == 1);
        assertEquals(200, send("PUT", "/api/admin/companies/" + COMPANY + "/calcom-mappings/organizer/"
                + URLEncoder.encode(organizer.toLowerCase(java.util.Locale.ROOT), StandardCharsets.UTF_8), OPERATOR).statusCode());
        await("released by the organizer's mapping and applied", () -> Billhook.count(
                "SELECT count(*) FROM webhook_event WHERE provider_event_id LIKE ? || '%' AND status = 'PROCESSED'", eventId) == 1);
        assertEquals(Long.toString(COMPANY), Billhook.queryString("SELECT company_id::text FROM booking WHERE uid = ?", uid));
    }

    @Test
    void aCallWithoutANumberOrACompanyIsIgnoredWithItsReasonNotQuarantinedForEver() {
        String callId = "call_web_" + UUID.randomUUID();
        assertEquals(200, postRetell(retellEvent("call_ended", callId, "inbound", "", "", 5_000)).statusCode());
        await("ignored", () -> "IGNORED".equals(statusOf("retell", callId + ":call_ended")));
        assertTrue(Billhook.queryString("SELECT last_error FROM webhook_event WHERE provider_event_id = ?", callId + ":call_ended")
                .startsWith("no company can own it"));
    }

    static byte[] booking(String trigger, String uid, Long eventType, String rescheduleUid) {
        return ("""
                {"triggerEvent":"%s","createdAt":"%s","payload":{"uid":"%s","bookingId":42,"title":"Demo","eventTypeId":%s,
                 "startTime":"2026-12-01T10:00:00Z","endTime":"2026-12-01T10:30:00Z","status":"ACCEPTED",
                 "organizer":{"id":1,"name":"Org","email":"org@example.com","timeZone":"Europe/Berlin"},
                 "attendees":[{"name":"Ada","email":"ada@example.com","timeZone":"Europe/Berlin"}],
                 "rescheduleUid":%s,"cancellationReason":%s}}"""
                .formatted(trigger, java.time.Instant.now(), uid, eventType, rescheduleUid == null ? "null" : "\"" + rescheduleUid + "\"",
                        "BOOKING_CANCELLED".equals(trigger) ? "\"conflict\"" : "null")).getBytes(StandardCharsets.UTF_8);
    }

    private static void assertRefused(HttpResponse<String> response, String reason) {
        assertEquals(400, response.statusCode(), response.body());
        assertEquals("/problems/" + reason, json(response).getString("type"), response.body());
    }
}
