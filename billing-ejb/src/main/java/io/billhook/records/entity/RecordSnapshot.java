package io.billhook.records.entity;

/** What one event says about a recorded object. */
public record RecordSnapshot(String status, String customerId, Long amount, String currency, String parentId,
                             String relatedId, String description) {
}
