package io.billhook.payments.entity;

import java.time.OffsetDateTime;

public record ChargeSnapshot(String status, String customerId, String paymentIntentId, long amount, long amountCaptured,
                             long amountRefunded, String currency, boolean captured, boolean disputed,
                             String failureCode, String failureMessage, String description, OffsetDateTime createdAt) {
}
