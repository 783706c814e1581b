package io.billhook.inbox.entity;

import io.billhook.handling.entity.Lane;
import io.billhook.handling.entity.PermanentFailure;
import io.billhook.handling.entity.Provider;
import io.billhook.handling.entity.QuarantineKey;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedNativeQuery;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;

/**
 * A stored webhook delivery. Rows are inserted by the inbox in batches (plain SQL, so the
 * database decides about duplicates); this entity moves one existing row through processing with guarded
 * transitions, and {@link WebhookEvents} next to it moves many at once. Nothing else changes a status.
 */
@Entity
@Table(name = "webhook_event")
@NamedNativeQuery(name = WebhookEvent.LOCKED, query = "SELECT * FROM webhook_event WHERE id = ?1 FOR NO KEY UPDATE",
        resultClass = WebhookEvent.class)
public class WebhookEvent {

    /**
     * The row, locked. Native SQL: {@code find} with a lock mode, and a JPQL query with one as well, have
     * EclipseLink print and prepare their SQL anew on every call, which showed in the processing profile.
     * {@code NO KEY UPDATE}, as an attempt changes no key: the duplicate of the event that the inbox records meanwhile
     * (its foreign key takes a key-share lock of this row) does not wait for it, and so cannot deadlock with it.
     */
    public static final String LOCKED = "WebhookEvent.locked";

    private static final int MAX_ERROR_LENGTH = 2000;

    private static final Duration CLOCK_GRACE = Duration.ofSeconds(1);

    @Id
    private Long id;

    @Column(insertable = false, updatable = false)
    private String provider;

    @Column(name = "provider_event_id", insertable = false, updatable = false)
    private String providerEventId;

    @Column(name = "event_type", insertable = false, updatable = false)
    private String type;

    @Column(name = "api_version", insertable = false, updatable = false)
    private String apiVersion;

    @Column(insertable = false, updatable = false)
    private String payload;

    @Column(name = "correlation_id", insertable = false, updatable = false)
    private String correlationId;

    @Column(name = "received_at", insertable = false, updatable = false)
    private OffsetDateTime receivedAt;

    @Enumerated(EnumType.STRING)
    private WebhookStatus status;

    private int attempts;

    @Column(name = "processed_at")
    private OffsetDateTime processedAt;

    @Column(name = "processing_millis")
    private Long processingMillis;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "company_id")
    private Long companyId;

    @Column(name = "next_attempt_at")
    private OffsetDateTime nextAttemptAt;

    /** Set by retention (retention.control.Purge), never by the application. */
    @Column(name = "payload_redacted_at", insertable = false, updatable = false)
    private OffsetDateTime payloadRedactedAt;

    @Column(name = "personal_data_redacted_at", insertable = false, updatable = false)
    private OffsetDateTime personalDataRedactedAt;

    @Column(name = "last_failure_transient")
    private Boolean lastFailureTransient;

    @Enumerated(EnumType.STRING)
    @Column(insertable = false, updatable = false)
    private Lane lane;

    @Enumerated(EnumType.STRING)
    @Column(name = "quarantine_kind")
    private QuarantineKey.Kind quarantineKind;

    @Column(name = "quarantine_key")
    private String quarantineKey;

    @Column(name = "enqueued_at", insertable = false)
    private OffsetDateTime enqueuedAt;

    protected WebhookEvent() {
    }

    public boolean awaitsProcessing() {
        return status.awaitsProcessing();
    }

    /**
     * Whether an attempt may start at {@code now}: the event awaits processing and, when it waits for a retry, its
     * next attempt is due. A redelivered or repeated wake-up must not run a retry before its time; a second's
     * grace absorbs the clocks of two servers and of the database, which set the time of a slow-tier retry.
     */
    public boolean isDue(OffsetDateTime now) {
        return awaitsProcessing() && (status != WebhookStatus.RETRYING || nextAttemptAt == null
                || !nextAttemptAt.isAfter(now.plus(CLOCK_GRACE)));
    }

    public void startAttempt() {
        attempts++;
    }

    public void processed(Long companyId, Duration took) {
        finish(WebhookStatus.PROCESSED, took);
        this.companyId = companyId;
    }

    public void ignored(Duration took) {
        finish(WebhookStatus.IGNORED, took);
    }

    /** Nothing to do for it, ever, for the reason given (kept in {@code last_error} for operators). */
    public void ignoredBecause(String reason, Duration took) {
        finish(WebhookStatus.IGNORED, took);
        this.lastError = reason.length() <= MAX_ERROR_LENGTH ? reason : reason.substring(0, MAX_ERROR_LENGTH);
    }

    /**
     * A failed attempt: the event waits for its next attempt at {@code nextAttempt}, or, when there is
     * none, it has FAILED for good.
     */
    public void attemptFailed(Throwable error, Optional<OffsetDateTime> nextAttempt, Duration took) {
        if (nextAttempt.isPresent()) {
            requireAwaitingProcessing();
            this.status = WebhookStatus.RETRYING;
            this.nextAttemptAt = nextAttempt.get();
            this.processingMillis = took.toMillis();
        } else {
            finish(WebhookStatus.FAILED, took);
        }
        this.lastFailureTransient = !PermanentFailure.isPermanent(error);
        Throwable cause = rootOf(error);
        String message = cause.getClass().getName() + ": " + cause.getMessage();
        this.lastError = message.length() <= MAX_ERROR_LENGTH ? message : message.substring(0, MAX_ERROR_LENGTH);
    }

    /**
     * An operator's retry: the event waits for processing again, its history kept. A PROCESSED event is
     * applied again only when forced (the handlers' effects are idempotent).
     */
    /** Refuses what {@link #requeue} refuses: a PROCESSED event without force, and one with nothing left to apply. */
    public void requireRequeueable(boolean force) {
        if (status == WebhookStatus.PROCESSED && !force) {
            throw new AlreadyProcessed(id);
        }
        if (redacted()) {
            throw new PayloadRedacted(id);
        }
    }

    public void requeue(boolean force) {
        requireRequeueable(force);
        status = WebhookStatus.RECEIVED;
        nextAttemptAt = null;
        quarantineKind = null;
        quarantineKey = null;
        lastFailureTransient = null;
        enqueuedAt = OffsetDateTime.now();
    }

    /**
     * Waits for {@code key} to be linked to a company (null: for an operator's retry); no retry is spent on it.
     */
    public void quarantine(QuarantineKey key, String reason, Duration took) {
        finish(WebhookStatus.QUARANTINED, took);
        this.quarantineKind = key == null ? null : key.kind();
        this.quarantineKey = key == null ? null : key.value();
        this.lastError = reason;
    }

    private void finish(WebhookStatus outcome, Duration took) {
        requireAwaitingProcessing();
        this.status = outcome;
        this.processedAt = OffsetDateTime.now();
        this.processingMillis = took.toMillis();
        this.nextAttemptAt = null;
        this.lastError = null;
        this.lastFailureTransient = null;
    }

    private void requireAwaitingProcessing() {
        if (!awaitsProcessing()) {
            throw new IllegalStateException("webhook event " + id + " is already " + status);
        }
    }

    /** The error that says what went wrong, below the container's wrappers. */
    public static Throwable rootOf(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof jakarta.ejb.EJBException || cause.getMessage() == null) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }

    public Long id() {
        return id;
    }

    public Provider provider() {
        return Provider.fromKey(provider);
    }

    public String providerEventId() {
        return providerEventId;
    }

    public String type() {
        return type;
    }

    public String apiVersion() {
        return apiVersion;
    }

    public String payload() {
        return payload;
    }

    /** Whether retention replaced the payload or masked the personal data in it. */
    public boolean redacted() {
        return payloadRedactedAt != null || personalDataRedactedAt != null;
    }

    public String correlationId() {
        return correlationId;
    }

    public OffsetDateTime receivedAt() {
        return receivedAt;
    }

    public WebhookStatus status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Long processingMillis() {
        return processingMillis;
    }

    public String lastError() {
        return lastError;
    }

    public Long companyId() {
        return companyId;
    }

    public OffsetDateTime nextAttemptAt() {
        return nextAttemptAt;
    }

    public Lane lane() {
        return lane;
    }

    /** The message that brings this event to a consumer (again). */
    public Wakeup wakeup() {
        return new Wakeup(id, lane, correlationId);
    }
}
