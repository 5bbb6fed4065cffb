package io.cxmeter.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the outbox reaches metrics-service. */
@ConfigMapping(prefix = "cxmeter.outbox")
public interface OutboxConfig {

    /** Off only in tests that do not exercise delivery. */
    @WithDefault("true")
    boolean enabled();

    /** Base64 PKCS#8 RSA private key of the event producers. */
    String signingKey();

    /** How often the relay looks for pending events (a scheduler period such as {@code 1s}). */
    @WithDefault("1s")
    String interval();

    /** How many events one delivery carries at most (metrics-service takes up to 1000). */
    @WithDefault("500")
    int batchSize();

    /**
     * The longest pause between attempts while metrics-service keeps failing. Short, so that delivery
     * resumes within this long once metrics-service is back; a try while it is down costs one
     * refused connection.
     */
    @WithDefault("PT2S")
    Duration maxBackoff();
}
