package io.billhook.stripe.entity;

import jakarta.persistence.Column;
import jakarta.persistence.MappedSuperclass;
import java.time.OffsetDateTime;

/**
 * A local copy of a Stripe object, kept by its events. Each kind says how its statuses progress
 * ({@link #rank}); {@link #takes} decides whether a snapshot may set the state (see {@link Freshness}).
 */
@MappedSuperclass
public abstract class StripeMirror {

    @Column(name = "company_id")
    protected Long companyId;

    protected String status;

    @Column(name = "last_event_created")
    protected long lastEventCreated;

    @Column(name = "updated_at")
    protected OffsetDateTime updatedAt;

    /** The step of the object's progression a status is at: a higher step is never undone by a lower one. */
    protected abstract int rank(String status);

    /** Whether a snapshot in {@code newStatus} from an event created at {@code eventCreated} may set the state; if so, takes its status. */
    protected boolean takes(String newStatus, long eventCreated) {
        updatedAt = OffsetDateTime.now();
        if (status != null && !Freshness.accepts(rank(status), lastEventCreated, rank(newStatus), eventCreated)) {
            return false;
        }
        status = newStatus;
        lastEventCreated = eventCreated;
        return true;
    }

    public Long companyId() {
        return companyId;
    }
}
