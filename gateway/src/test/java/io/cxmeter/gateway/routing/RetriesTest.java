package io.cxmeter.gateway.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.vertx.core.Future;
import io.vertx.core.Vertx;

class RetriesTest {

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
