package io.billhook.calls.entity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

class CallRulesTest {

    private static CallSnapshot snapshot(String status, Long durationMs, String summary) {
        return new CallSnapshot(status, "phone_call", "agent", "inbound", "+15555550100", "+49301234567", null, null,
                durationMs, null, null, summary, null);
    }

    private static String field(Call call, String name) throws ReflectiveOperationException {
        Field f = Call.class.getDeclaredField(name);
        f.setAccessible(true);
        return String.valueOf(f.get(call));
    }

    @Test
    void anEarlierEventArrivingLateOnlyFillsGaps() throws ReflectiveOperationException {
        Call call = new Call();
        call.accept(snapshot("ended", 61_200L, "asked for a quote"), Call.rank("call_analyzed"));
        call.accept(snapshot("ongoing", null, null), Call.rank("call_started"));
        assertEquals("ended", field(call, "status"));
        assertEquals("asked for a quote", field(call, "summary"));
        assertEquals(62, call.billableSeconds());
    }

    @Test
    void billableSecondsRoundUpAndACallWithoutDurationBillsNothing() {
        Call call = new Call();
        call.accept(snapshot("ended", 1_000L, null), Call.rank("call_ended"));
        assertEquals(1, call.billableSeconds());
        Call unanswered = new Call();
        unanswered.accept(snapshot("not_connected", null, null), Call.rank("call_ended"));
        assertEquals(0, unanswered.billableSeconds());
    }
}
