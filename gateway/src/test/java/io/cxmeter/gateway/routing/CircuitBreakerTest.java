package io.cxmeter.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

class CircuitBreakerTest {

    private final AtomicLong now = new AtomicLong();
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(10), now::get);

    @Test
    void opensAfterFailuresInARowAndTriesOnceAfterTheWait() {
        breaker.failure();
        breaker.failure();
        breaker.success(); // a success in between resets the count
        breaker.failure();
        breaker.failure();
        assertTrue(breaker.allowRequest());
        breaker.failure();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.allowRequest());
        now.addAndGet(TimeUnit.SECONDS.toNanos(4));
        assertEquals(6, breaker.retryAfterSeconds());

        now.addAndGet(TimeUnit.SECONDS.toNanos(6));
        assertTrue(breaker.allowRequest(), "one trial after the wait");
        assertFalse(breaker.allowRequest(), "only one at a time");
        breaker.failure();
        assertEquals(CircuitBreaker.State.OPEN, breaker.state(), "a failed trial opens it again");
        assertFalse(breaker.allowRequest());

        now.addAndGet(TimeUnit.SECONDS.toNanos(10));
        assertTrue(breaker.allowRequest());
        breaker.success();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertTrue(breaker.allowRequest());
        assertTrue(breaker.allowRequest());
    }

    @Test
    void connectingIsRetriedAfterPauses() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            AtomicInteger attempts = new AtomicInteger();
            String result = Retries.withPauses(vertx, () -> attempts.incrementAndGet() < 3
                    ? Future.<String>failedFuture("connection refused") : Future.succeededFuture("connected"),
                    List.of(Duration.ofMillis(5), Duration.ofMillis(5)))
                    .toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals("connected", result);
            assertEquals(3, attempts.get());

            AtomicInteger hopeless = new AtomicInteger();
            Future<String> failed = Retries.withPauses(vertx, () -> {
                hopeless.incrementAndGet();
                return Future.failedFuture("connection refused");
            }, List.of(Duration.ofMillis(5), Duration.ofMillis(5)));
            try {
                failed.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException expected) {
                // gives up after the pauses
            }
            assertEquals(3, hopeless.get());
        } finally {
            vertx.close();
        }
    }
}
