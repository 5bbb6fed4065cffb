package io.cxmeter.metrics.freshness;

import java.time.OffsetDateTime;

/**
 * What metrics-service has received for the tenant: how many events, when the last one arrived, the
 * latest instant any of them describes, whether all received events are applied to the metrics (they
 * are applied in the transaction that receives them, so {@code pendingEvents} is 0 once a delivery is
 * answered) and the delivery lag of the latest event: from the producer's change to its application.
 * Changes still in a producer's outbox are not visible here. Null times when nothing was received yet.
 */
public record Freshness(long receivedEvents, long pendingEvents, boolean upToDate, OffsetDateTime lastReceivedAt,
        OffsetDateTime latestEventAt, Double lagSeconds) {
}
