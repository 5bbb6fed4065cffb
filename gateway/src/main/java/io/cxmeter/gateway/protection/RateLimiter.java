package io.cxmeter.gateway.protection;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.jboss.logging.Logger;

import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.caffeine.Bucket4jCaffeine;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.AsyncProxyManager;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;

/**
 * Token buckets (Bucket4j) keyed by plan and caller: in Redis when a URL is configured, so that every
 * replica draws from the same bucket, else in memory. A Redis that fails or is slow lets requests
 * through (logged): a rate limiter must not take the API down with it.
 */
public class RateLimiter implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    /** What a request may do, and the RateLimit-* figures to tell the caller. */
    public record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {

        static Decision unlimited(long limit) {
            return new Decision(true, limit, limit, 0, 0);
        }
    }

    private final ProxyManager<String> memory;
    private final AsyncProxyManager<String> redis;
    private final RedisClient redisClient;
    private final StatefulRedisConnection<String, byte[]> connection;
    private final Duration redisTimeout;
    private final ConcurrentHashMap<String, BucketConfiguration> configurations = new ConcurrentHashMap<>();

    private RateLimiter(ProxyManager<String> memory, RedisClient client, StatefulRedisConnection<String, byte[]> connection,
            AsyncProxyManager<String> redis, Duration redisTimeout) {
        this.memory = memory;
        this.redisClient = client;
        this.connection = connection;
        this.redis = redis;
        this.redisTimeout = redisTimeout;
    }

    @SuppressWarnings("unchecked")
    public static RateLimiter inMemory() {
        Caffeine<String, io.github.bucket4j.distributed.remote.RemoteBucketState> cache =
                (Caffeine<String, io.github.bucket4j.distributed.remote.RemoteBucketState>) (Caffeine<?, ?>) Caffeine.newBuilder()
                        .maximumSize(1_000_000);
        ProxyManager<String> memory = Bucket4jCaffeine.<String>builderFor(cache)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
        return new RateLimiter(memory, null, null, null, null);
    }

    public static RateLimiter redis(String url, Duration timeout) {
        RedisClient client = RedisClient.create(url);
        client.setDefaultTimeout(timeout);
        StatefulRedisConnection<String, byte[]> connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
        AsyncProxyManager<String> redis = Bucket4jLettuce.casBasedBuilder(connection)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build()
                .asAsync();
        return new RateLimiter(null, client, connection, redis, timeout);
    }

    /** Takes one token from the caller's bucket of the plan. */
    public CompletionStage<Decision> consume(String plan, String caller, long capacity, Duration period) {
        String key = "cxmeter:rl:" + plan + ":" + caller;
        BucketConfiguration configuration = configurations.computeIfAbsent(plan + capacity + period, ignored ->
                BucketConfiguration.builder()
                        .addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
                        .build());
        if (memory != null) {
            return CompletableFuture.completedFuture(decision(
                    memory.builder().build(key, () -> configuration).tryConsumeAndReturnRemaining(1), capacity));
        }
        return redis.builder().build(key, () -> CompletableFuture.completedFuture(configuration))
                .tryConsumeAndReturnRemaining(1)
                .orTimeout(redisTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .thenApply(probe -> decision(probe, capacity))
                .exceptionally(failure -> {
                    LOG.warnf("Rate limits unavailable (Redis: %s); letting the request through", failure.toString());
                    return Decision.unlimited(capacity);
                });
    }

    private static Decision decision(ConsumptionProbe probe, long capacity) {
        return new Decision(probe.isConsumed(), capacity, probe.getRemainingTokens(), seconds(probe.getNanosToWaitForReset()),
                probe.isConsumed() ? 0 : Math.max(1, seconds(probe.getNanosToWaitForRefill())));
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }

    @Override
    @PreDestroy
    public void close() {
        if (connection != null) {
            connection.close();
        }
        if (redisClient != null) {
            redisClient.shutdown();
        }
    }
}
