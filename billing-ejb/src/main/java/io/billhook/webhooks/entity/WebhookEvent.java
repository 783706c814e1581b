package io.billhook.webhooks.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * A stored webhook delivery. Rows are inserted by the inbox in batches (plain SQL, so the
 * database decides about duplicates); this entity only ever moves an existing row through
 * processing.
 */
@Entity
@Table(name = "webhook_event")
public class WebhookEvent {

    private static final int MAX_ERROR_LENGTH = 2000;

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

    protected WebhookEvent() {
    }

    public boolean awaitsProcessing() {
        return status.awaitsProcessing();
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

    public void failed(String error, Duration took) {
        finish(WebhookStatus.FAILED, took);
        this.lastError = error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }

    private void finish(WebhookStatus outcome, Duration took) {
        if (!awaitsProcessing()) {
            throw new IllegalStateException("webhook event " + id + " is already " + status);
        }
        this.status = outcome;
        this.processedAt = OffsetDateTime.now();
        this.processingMillis = took.toMillis();
        this.lastError = null;
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
}
