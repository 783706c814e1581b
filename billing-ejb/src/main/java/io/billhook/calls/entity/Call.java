package io.billhook.calls.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * A Retell call. Its events only go forward (started → ended → analyzed, and a call that never connects
 * skips started): a later event's fields win, an earlier one only fills what is still unknown.
 */
@Entity
@Table(name = "call")
public class Call {

    @Id
    @Column(name = "call_id")
    private String callId;

    @Column(name = "company_id")
    private Long companyId;

    private String status;

    @Column(name = "call_type")
    private String callType;

    @Column(name = "agent_id")
    private String agentId;

    private String direction;

    @Column(name = "from_number")
    private String fromNumber;

    @Column(name = "to_number")
    private String toNumber;

    @Column(name = "started_at")
    private OffsetDateTime startedAt;

    @Column(name = "ended_at")
    private OffsetDateTime endedAt;

    @Column(name = "duration_ms")
    private Long durationMs;

    @Column(name = "disconnection_reason")
    private String disconnectionReason;

    @Column(name = "cost_cents")
    private Long costCents;

    private String summary;

    private String sentiment;

    @Column(name = "last_event_rank")
    private int lastEventRank;

    @Column(name = "updated_at")
    private OffsetDateTime updatedAt;

    protected Call() {
    }

    /** The step of a call an event reports. */
    public static int rank(String event) {
        return switch (event) {
            case "call_started" -> 1;
            case "call_ended" -> 2;
            case "call_analyzed" -> 3;
            default -> 0;
        };
    }

    public void accept(CallSnapshot call, int rank) {
        boolean later = rank >= lastEventRank;
        status = pick(later, status, call.status());
        callType = pick(later, callType, call.callType());
        agentId = pick(later, agentId, call.agentId());
        direction = pick(later, direction, call.direction());
        fromNumber = pick(later, fromNumber, call.fromNumber());
        toNumber = pick(later, toNumber, call.toNumber());
        startedAt = pick(later, startedAt, call.startedAt());
        endedAt = pick(later, endedAt, call.endedAt());
        durationMs = pick(later, durationMs, call.durationMs());
        disconnectionReason = pick(later, disconnectionReason, call.disconnectionReason());
        costCents = pick(later, costCents, call.costCents());
        summary = pick(later, summary, call.summary());
        sentiment = pick(later, sentiment, call.sentiment());
        lastEventRank = Math.max(lastEventRank, rank);
        updatedAt = OffsetDateTime.now();
    }

    private static <T> T pick(boolean later, T known, T offered) {
        if (offered == null) {
            return known;
        }
        return later || known == null ? offered : known;
    }

    /** Whole seconds, rounded up: a call of 61.2 s bills 62. */
    public long billableSeconds() {
        return durationMs == null || durationMs <= 0 ? 0 : (durationMs + 999) / 1000;
    }

    public String callId() {
        return callId;
    }

    public long companyId() {
        return companyId;
    }

    public OffsetDateTime endedAt() {
        return endedAt;
    }
}
