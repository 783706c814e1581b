package io.billhook.calls.control;

import io.billhook.Jsonp;
import io.billhook.calls.entity.Call;
import io.billhook.calls.entity.CallSnapshot;
import io.billhook.companies.control.CompanyDirectory;
import io.billhook.companies.control.PhoneNumbers;
import io.billhook.companies.entity.PhoneNumber;
import io.billhook.handling.control.EventHandler;
import io.billhook.handling.entity.EventType;
import io.billhook.handling.entity.Outcome;
import io.billhook.handling.entity.PermanentFailure;
import io.billhook.handling.entity.Provider;
import io.billhook.handling.entity.UnresolvedCompany;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

/**
 * Retell's call_started, call_ended and call_analyzed: the Call record, and for an ended call the usage its
 * company is billed for. The company owns the called number (inbound {@code to_number}, outbound
 * {@code from_number}), else {@code metadata.company_id} names it; otherwise the event waits in quarantine
 * for the number to be assigned.
 */
@Dependent
public class RetellCallEvents implements EventHandler {

    @PersistenceContext
    EntityManager em;

    @Inject
    CompanyDirectory companies;

    @Inject
    PhoneNumbers phoneNumbers;

    @Inject
    UsageBook usage;

    /** Transcript and transfer events declare nothing: they are acknowledged and IGNORED. */
    @Override
    public List<EventType> handles() {
        String call = "records the call for the company owning the called number (or metadata.company_id); waits in"
                + " quarantine for the number to be assigned";
        return List.of(
                call("call_started", call),
                call("call_ended", call + "; the billable seconds become usage reported to Stripe"),
                call("call_analyzed", call + " with its summary and sentiment; usage as for call_ended"));
    }

    private EventType call(String event, String effect) {
        return new EventType(Provider.RETELL, event, effect, received -> apply(received.type(), received.payload()));
    }

    public Outcome apply(String event, String payload) {
        JsonObject call = call(payload);
        String callId = string(call, "call_id");
        long companyId = companyOf(call);
        em.createNativeQuery("INSERT INTO call (call_id, company_id, status) VALUES (?1, ?2, 'registered') "
                        + "ON CONFLICT (call_id) DO NOTHING")
                .setParameter(1, callId)
                .setParameter(2, companyId)
                .executeUpdate();
        Call record = em.find(Call.class, callId, LockModeType.PESSIMISTIC_WRITE);
        record.accept(snapshot(call), Call.rank(event));
        if (!"call_started".equals(event) && record.billableSeconds() > 0) {
            usage.record(record);
        }
        return Outcome.applied(record.companyId());
    }

    long companyOf(JsonObject call) {
        String direction = string(call, "direction");
        String number = "outbound".equals(direction) ? string(call, "from_number") : string(call, "to_number");
        Optional<PhoneNumber> phone = phoneNumbers.parse(number);
        Optional<Long> owner = phone.flatMap(companies::companyOfPhone);
        if (owner.isPresent()) {
            return owner.get();
        }
        String metadataCompany = call.get("metadata") instanceof JsonObject metadata ? string(metadata, CompanyDirectory.COMPANY_ID)
                : null;
        if (metadataCompany != null) {
            long companyId = CompanyDirectory.parseCompanyId(metadataCompany);
            companies.company(companyId);
            return companyId;
        }
        throw new UnresolvedCompany(phone.map(PhoneNumber::quarantineKey).orElse(null),
                "no company owns the number " + number + " and the call's metadata names none");
    }

    static CallSnapshot snapshot(JsonObject call) {
        JsonObject cost = call.get("call_cost") instanceof JsonObject c ? c : null;
        JsonObject analysis = call.get("call_analysis") instanceof JsonObject a ? a : null;
        return new CallSnapshot(string(call, "call_status"), string(call, "call_type"), string(call, "agent_id"),
                string(call, "direction"), string(call, "from_number"), string(call, "to_number"),
                millis(call, "start_timestamp"), millis(call, "end_timestamp"), number(call, "duration_ms"),
                string(call, "disconnection_reason"), cost == null ? null : number(cost, "combined_cost"),
                analysis == null ? null : string(analysis, "call_summary"),
                analysis == null ? null : string(analysis, "user_sentiment"));
    }

    private static JsonObject call(String payload) {
        try {
            JsonObject body = Jsonp.PROVIDER.createReader(new StringReader(payload)).readObject();
            if (!(body.get("call") instanceof JsonObject call) || string(call, "call_id") == null) {
                throw new PermanentFailure("a Retell event without call.call_id");
            }
            return call;
        } catch (JsonException | ClassCastException e) {
            throw new PermanentFailure("not a Retell event: " + e.getMessage(), e);
        }
    }

    static String string(JsonObject json, String name) {
        JsonValue value = json.get(name);
        return value instanceof jakarta.json.JsonString text && !text.getString().isBlank() ? text.getString() : null;
    }

    private static Long number(JsonObject json, String name) {
        return json.get(name) instanceof JsonNumber number ? Math.round(number.doubleValue()) : null;
    }

    private static OffsetDateTime millis(JsonObject json, String name) {
        Long millis = number(json, name);
        return millis == null ? null : OffsetDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }
}
