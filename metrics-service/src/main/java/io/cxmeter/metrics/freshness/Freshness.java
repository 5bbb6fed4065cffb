package io.cxmeter.metrics.freshness;

import java.time.OffsetDateTime;

/**
 * What metrics-service has received for the tenant: how many events, when the last one arrived,
 * and the latest instant any of them describes. Null times when nothing was received yet.
 */
public record Freshness(long receivedEvents, OffsetDateTime lastReceivedAt, OffsetDateTime latestEventAt) {
}
