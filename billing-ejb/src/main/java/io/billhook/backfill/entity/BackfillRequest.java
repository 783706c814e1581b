package io.billhook.backfill.entity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a backfill fetches from Stripe's Events API: the events created since an instant (Stripe keeps 30 days of
 * them), of some types or all, and only those Stripe could not deliver if asked.
 *
 * @param types event types, each exact ({@code invoice.paid}) or a family ({@code invoice.*}); empty: every type
 */
public record BackfillRequest(Instant since, List<String> types, boolean undeliveredOnly) {

    /** How far back Stripe's Events API reaches. */
    public static final Duration KEPT_BY_STRIPE = Duration.ofDays(30);

    private static final Pattern TYPE = Pattern.compile("[a-z0-9_]+(\\.[a-z0-9_]+)*(\\.\\*)?");

    /** Stripe takes one {@code type} a listing: more than this many listings is a request to narrow. */
    static final int MOST_TYPES = 20;

    public BackfillRequest {
        if (since == null) {
            throw new IllegalArgumentException("since is needed: an instant or a look-back such as 72h");
        }
        if (since.isAfter(Instant.now())) {
            throw new IllegalArgumentException("since " + since + " is in the future");
        }
        if (since.isBefore(Instant.now().minus(KEPT_BY_STRIPE))) {
            throw new IllegalArgumentException("since " + since + " is more than 30 days ago: Stripe's Events API keeps"
                    + " 30 days of events");
        }
        types = types == null ? List.of() : List.copyOf(types);
        if (types.size() > MOST_TYPES) {
            throw new IllegalArgumentException("at most " + MOST_TYPES + " types, not " + types.size());
        }
        for (String type : types) {
            if (!TYPE.matcher(type).matches()) {
                throw new IllegalArgumentException("'" + type + "' is not an event type (invoice.paid) or a family"
                        + " of them (invoice.*)");
            }
        }
    }

    /** The listings a backfill pages through, one per type or family; one element, null, for every type. */
    public List<String> listings() {
        return types.isEmpty() ? Collections.singletonList(null) : new ArrayList<>(types);
    }
}
