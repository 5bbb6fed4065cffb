package io.cxmeter.metrics.freshness;

import java.time.OffsetDateTime;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * How fresh the tenant's metrics are. {@code upToDate} is true only when every change the producers
 * (survey-service, ticket-service) have committed for the tenant has been applied: nothing waits in
 * their outboxes or on the way (events received are applied in the transaction that receives them).
 * {@code pendingEvents} counts the changes still waiting and {@code lagSeconds} is the age of the
 * oldest (0 when none; null when a producer could not say). {@code waiting} says where they wait, one
 * entry per producer; a producer that did not answer is {@code reachable: false}, and then freshness
 * is not claimed. {@code receivedEvents}, {@code lastReceivedAt}, {@code latestEventAt} and
 * {@code lastDeliverySeconds} (from the latest event's change to its application) describe what
 * arrived; null times when nothing did.
 */
public record Freshness(long receivedEvents, long pendingEvents, boolean upToDate, OffsetDateTime lastReceivedAt,
        OffsetDateTime latestEventAt, Double lagSeconds, Double lastDeliverySeconds, List<Waiting> waiting) {

    /** The changes of one producer not yet applied: where they are, how many, since when. */
    @Schema(name = "FreshnessWaiting")
    public record Waiting(String service, String where, boolean reachable, Long pendingEvents, OffsetDateTime oldestPendingAt) {
    }
}
