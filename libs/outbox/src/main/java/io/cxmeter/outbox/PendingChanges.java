package io.cxmeter.outbox;

import java.time.OffsetDateTime;

import io.smallrye.mutiny.Uni;

/**
 * Changes a producer owes metrics-service but has not yet put in its outbox (work queued inside the
 * service, such as sending stored records again). The outbox status adds them to its own, so that
 * freshness is not claimed while they wait.
 */
public interface PendingChanges {

    /** How many changes of the tenant wait, and since when (null: none). */
    record Pending(long count, OffsetDateTime since) {
    }

    Uni<Pending> pending(String tenantId);
}
