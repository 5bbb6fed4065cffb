package io.cxmeter.gateway.protection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.cxmeter.gateway.EmbeddedRedis;

/** Two gateway replicas (two limiters, each with its own Redis connection) draw from one bucket. */
class SharedRateLimitTest {

    @Test
    void replicasSharingARedisShareTheBucket() {
        try (EmbeddedRedis redis = EmbeddedRedis.start();
                RateLimiter replicaA = RateLimiter.redis(redis.url(), Duration.ofSeconds(2));
                RateLimiter replicaB = RateLimiter.redis(redis.url(), Duration.ofSeconds(2))) {
            List<Boolean> allowed = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                RateLimiter replica = i % 2 == 0 ? replicaA : replicaB;
                allowed.add(replica.consume("api", "t-1:key-1", 4, Duration.ofMinutes(1)).toCompletableFuture().join().allowed());
            }
            // Capacity 4 in all: the fifth and sixth are refused, whichever replica they reach.
            assertEquals(List.of(true, true, true, true, false, false), allowed);
            RateLimiter.Decision refused = replicaA.consume("api", "t-1:key-1", 4, Duration.ofMinutes(1)).toCompletableFuture().join();
            assertFalse(refused.allowed());
            assertEquals(0, refused.remaining());
            assertTrue(refused.retryAfterSeconds() >= 1 && refused.retryAfterSeconds() <= 15, "one token refills in 15 s");
            // Another caller has its own bucket.
            assertTrue(replicaB.consume("api", "t-1:key-2", 4, Duration.ofMinutes(1)).toCompletableFuture().join().allowed());
        }
    }

    @Test
    void inMemoryEachReplicaCountsAlone() {
        try (RateLimiter replicaA = RateLimiter.inMemory(); RateLimiter replicaB = RateLimiter.inMemory()) {
            for (int i = 0; i < 2; i++) {
                assertTrue(replicaA.consume("public", "ip:pk", 2, Duration.ofMinutes(1)).toCompletableFuture().join().allowed());
            }
            assertFalse(replicaA.consume("public", "ip:pk", 2, Duration.ofMinutes(1)).toCompletableFuture().join().allowed());
            assertTrue(replicaB.consume("public", "ip:pk", 2, Duration.ofMinutes(1)).toCompletableFuture().join().allowed());
        }
    }

    @Test
    void aRedisThatStopsLetsRequestsThrough() {
        EmbeddedRedis redis = EmbeddedRedis.start();
        try (RateLimiter limiter = RateLimiter.redis(redis.url(), Duration.ofMillis(300))) {
            assertTrue(limiter.consume("api", "t-1:k", 1, Duration.ofMinutes(1)).toCompletableFuture().join().allowed());
            assertFalse(limiter.consume("api", "t-1:k", 1, Duration.ofMinutes(1)).toCompletableFuture().join().allowed());
            redis.stop();
            // Fail open: a rate limiter must not take the API down with it.
            assertTrue(limiter.consume("api", "t-1:k", 1, Duration.ofMinutes(1)).toCompletableFuture().join().allowed());
        }
    }
}
