package io.cxmeter.survey.webhooks;

import java.time.Duration;
import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How webhook messages are delivered, and where they may go. */
@ConfigMapping(prefix = "cxmeter.webhooks")
public interface WebhookConfig {

    /** Whether this replica delivers due messages (off in tests that drive the relay themselves). */
    @WithDefault("true")
    boolean enabled();

    /** How often the relay looks for due deliveries (a scheduler period such as {@code 1s}). */
    @WithDefault("1s")
    String interval();

    /** How many due deliveries one round claims at most; they are sent in parallel. */
    @WithDefault("20")
    int batchSize();

    /**
     * The pause before each retry: after the first failure the first pause, and so on; when the
     * list is used up the delivery has failed. The default spans 32 h 35 min.
     */
    @WithDefault("5s,5m,30m,2h,5h,10h,10h,5h")
    List<Duration> retrySchedule();

    /** How long a receiver may take to answer one try. */
    @WithDefault("10s")
    Duration timeout();

    /** Whether endpoints must be https (off only for local runs and tests). */
    @WithDefault("true")
    boolean requireHttps();

    /**
     * Whether endpoints may resolve to loopback, private, link-local or other non-public addresses
     * (off in production: a tenant must not reach cxmeter's own network).
     */
    @WithDefault("false")
    boolean allowPrivateTargets();

    /**
     * How recent an answer must be, when it is recorded, to make events: older answers arrive with
     * imported history and tell no receiver.
     */
    @WithDefault("PT24H")
    Duration liveWindow();
}
