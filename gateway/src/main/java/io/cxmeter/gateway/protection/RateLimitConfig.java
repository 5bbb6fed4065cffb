package io.cxmeter.gateway.protection;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/**
 * Token buckets per caller. {@code api}: per API key or OIDC subject of a tenant on /api/**;
 * {@code public}: per client IP and survey (public key or rating token) on /public/**, /r/** and
 * /widget/**, and per client IP for callers without valid credentials on /api/**. With a Redis URL
 * every replica shares the buckets; without one each keeps its own in memory.
 */
@ConfigMapping(prefix = "cxmeter.rate-limits")
public interface RateLimitConfig {

    @WithDefault("true")
    boolean enabled();

    /** redis://[:password@]host:6379[/db]; unset: buckets in memory, per replica. */
    Optional<String> redisUrl();

    /** How long a Redis call may take before the request goes through unlimited (fail open). */
    @WithDefault("PT0.5S")
    Duration redisTimeout();

    /**
     * The proxies (addresses or CIDR ranges, such as the ingress controller's pods) whose
     * {@code Forwarded} or {@code X-Forwarded-For} name the client; empty: the TCP peer is the client.
     */
    Optional<java.util.List<String>> trustedProxies();

    Plan api();

    @WithName("public")
    Plan publicPaths();

    interface Plan {

        /** Requests a bucket holds: the largest burst. */
        long capacity();

        /** Time in which an empty bucket refills completely (greedily, token by token). */
        Duration period();
    }
}
