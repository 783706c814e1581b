package io.billhook.processing.entity;

import io.billhook.inbox.entity.WebhookEvent;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.OffsetDateTime;

/** One processing attempt of a stored event: when, how long, and how it ended. */
@Entity
@Table(name = "webhook_attempt")
public class Attempt {

    private static final int MAX_MESSAGE_LENGTH = 2000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "attempt_ids")
    @SequenceGenerator(name = "attempt_ids", sequenceName = "webhook_attempt_id_seq", allocationSize = 50)
    private Long id;

    @Column(name = "webhook_event_id")
    private long webhookEventId;

    private int attempt;

    @Column(name = "started_at")
    private OffsetDateTime startedAt;

    @Column(name = "finished_at")
    private OffsetDateTime finishedAt;

    @Column(name = "duration_millis")
    private long durationMillis;

    private String outcome;

    @Column(name = "error_class")
    private String errorClass;

    @Column(name = "error_message")
    private String errorMessage;

    @Column(name = "correlation_id")
    private String correlationId;

    protected Attempt() {
    }

    public Attempt(WebhookEvent event, OffsetDateTime startedAt, OffsetDateTime finishedAt, Throwable error) {
        this.webhookEventId = event.id();
        this.attempt = event.attempts();
        this.startedAt = startedAt;
        this.finishedAt = finishedAt;
        this.durationMillis = Duration.between(startedAt, finishedAt).toMillis();
        this.outcome = event.status().name();
        this.correlationId = event.correlationId();
        if (error != null) {
            Throwable cause = WebhookEvent.rootOf(error);
            this.errorClass = cause.getClass().getName();
            String message = String.valueOf(cause.getMessage());
            this.errorMessage = message.length() <= MAX_MESSAGE_LENGTH ? message : message.substring(0, MAX_MESSAGE_LENGTH);
        }
    }
}
