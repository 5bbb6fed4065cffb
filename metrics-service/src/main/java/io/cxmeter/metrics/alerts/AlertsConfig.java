package io.cxmeter.metrics.alerts;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How alert rules are evaluated and how their transitions reach survey-service (webhooks and e-mail). */
@ConfigMapping(prefix = "cxmeter.alerts")
public interface AlertsConfig {

    /** Whether this instance evaluates rules (off in tests, which drive evaluations themselves). */
    @WithDefault("true")
    boolean evaluate();

    /** How often the evaluator looks for rules to evaluate: rules of tenants with fresh data, and rules due. */
    @WithDefault("5s")
    Duration tick();

    /** Every rule is evaluated at least this often, fresh data or not (its window slides with time). */
    @WithDefault("1m")
    Duration every();

    /** Rules evaluated per round at most. */
    @WithDefault("200")
    int batchSize();

    /** Whether transitions are reported to survey-service (off in tests that do not play it). */
    @WithDefault("true")
    boolean report();

    /** Base64 PKCS#8 private key the reports are signed with (the producers' key, EVENTS_SIGNING_KEY). */
    String signingKey();

    /** How often waiting transitions are reported. */
    @WithDefault("1s")
    Duration reportInterval();

    /** The longest wait between two reports of one transition while survey-service is down. */
    @WithDefault("PT30S")
    Duration maxBackoff();
}
