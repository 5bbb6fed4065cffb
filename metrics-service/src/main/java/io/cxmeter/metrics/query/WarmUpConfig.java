package io.cxmeter.metrics.query;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The query warm-up a replica runs before it takes traffic (WarmUp). */
@ConfigMapping(prefix = "cxmeter.warm-up")
public interface WarmUpConfig {

    /** Rounds of every metric's query path; 0 switches the warm-up off. */
    @WithDefault("50")
    int rounds();

    /** The replica reports ready after this long even if the rounds are not done. */
    @WithDefault("PT60S")
    Duration maxDuration();
}
