package io.billhook.inbox.entity;

import io.billhook.handling.entity.Provider;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/** A request refused before anything was stored: what operators look at to spot forged traffic. */
@Entity
@Table(name = "webhook_rejection")
public class Rejection {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    private String provider;

    private String reason;

    @Column(name = "http_status")
    private int httpStatus;

    @Column(name = "body_bytes")
    private long bodyBytes;

    @Column(name = "remote_address")
    private String remoteAddress;

    @Column(name = "received_at")
    private OffsetDateTime receivedAt;

    @Column(name = "correlation_id")
    private String correlationId;

    protected Rejection() {
    }

    public Rejection(Provider provider, String reason, int httpStatus, long bodyBytes, String remoteAddress,
                     String correlationId) {
        this.correlationId = correlationId;
        this.provider = provider.key();
        this.reason = reason;
        this.httpStatus = httpStatus;
        this.bodyBytes = bodyBytes;
        this.remoteAddress = remoteAddress;
        this.receivedAt = OffsetDateTime.now();
    }

    public Provider provider() {
        return Provider.fromKey(provider);
    }

    public String reason() {
        return reason;
    }

    public int httpStatus() {
        return httpStatus;
    }

    public long bodyBytes() {
        return bodyBytes;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    public String correlationId() {
        return correlationId;
    }
}
