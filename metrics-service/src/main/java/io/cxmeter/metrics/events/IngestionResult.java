package io.cxmeter.metrics.events;

/** How a batch was taken: {@code stored} new events, {@code duplicates} already received before. */
public record IngestionResult(int received, int stored, int duplicates) {
}
