package io.cxmeter.ticket.erasure;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How a customer's erasure reaches survey-service and is seen through to metrics-service. */
@ConfigMapping(prefix = "cxmeter.erasures")
public interface ErasureConfig {

    /** Off in tests that do not play survey-service. */
    boolean enabled();

    /** Base64 PKCS#8 private key the calls are signed with (the producers' key, EVENTS_SIGNING_KEY). */
    String signingKey();

    /** How often pending erasures are carried on. */
    @WithDefault("1s")
    Duration interval();

    /** The longest wait between two calls to survey-service for one erasure. */
    @WithDefault("5m")
    Duration maxBackoff();
}
