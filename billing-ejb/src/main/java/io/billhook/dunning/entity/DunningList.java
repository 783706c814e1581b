package io.billhook.dunning.entity;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * The open dunning cases, most money first, a page at a time, with what is at stake: the amount due of every open
 * case per currency, and over the last 30 days the amount recovered (cases closed by a payment) and the share of
 * closed cases that a payment closed.
 */
public record DunningList(List<Item> items, String nextCursor, Map<String, Long> revenueAtRisk,
                          Map<String, Long> recoveredLast30Days, Double recoveryRateLast30Days) {

    public DunningList {
        items = List.copyOf(items);
    }

    public record Item(long companyId, String invoice, Long amountDue, String currency, OffsetDateTime openedAt,
                       String step, boolean paused) {
    }
}
