package io.cxmeter.imports;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The limits of bulk imports (docs/api.md, "Imports"). */
@ConfigMapping(prefix = "cxmeter.imports")
public interface ImportsConfig {

    /** The largest file accepted; a larger one is refused with 413 before it is read. */
    @WithDefault("256M")
    MemorySize maxSize();

    /** Files up to this size are imported while the caller waits; larger ones become jobs (202). */
    @WithDefault("4M")
    MemorySize inlineLimit();

    /** How many import jobs one instance runs at once; more are refused with 503 and Retry-After. */
    @WithDefault("2")
    int concurrentJobs();

    /**
     * A job whose instance stopped reporting (at least once a second while it runs) for this long is
     * reported failed. A job commits its records together with its completion, and only while not
     * reported failed: a failed job never completes later.
     */
    @WithDefault("PT20S")
    Duration staleAfter();

    /** How many valid records one statement batch writes. */
    @WithDefault("500")
    int batchSize();
}
