package io.cxmeter.metrics.events;

import io.smallrye.config.ConfigMapping;

/** How concurrent deliveries of a tenant share transactions (ReceivedEvents, Grouping). */
@ConfigMapping(prefix = "cxmeter.ingestion")
public interface IngestionConfig {

    /**
     * Most transactions of one tenant's deliveries at once, per instance. Concurrent deliveries of a
     * tenant share rollup rows (the same day and month, per agent and channel): transactions that
     * write them wait on each other's row locks anyway, so more of them at once only add waiting.
     */
    int transactionsPerTenant();

    /** Most events applied in one transaction when deliveries are applied together. */
    int maxEventsPerTransaction();
}
