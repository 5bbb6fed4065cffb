package io.cxmeter.ticket.outbox;

import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Stands in for metrics-service's event intake: records every delivery it accepts, and refuses the
 * next {@link #failNext} deliveries with 503 to play an outage.
 */
public class MetricsStub implements QuarkusTestResourceLifecycleManager {

    /** A delivery as received: the Authorization header and the body. */
    public record Delivery(String authorization, JsonObject body) {
    }

    public static final ConcurrentLinkedQueue<Delivery> ACCEPTED = new ConcurrentLinkedQueue<>();
    public static final AtomicInteger failNext = new AtomicInteger();
    public static final AtomicInteger refused = new AtomicInteger();

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        try {
            int port = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
                if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    refused.incrementAndGet();
                    request.response().setStatusCode(503).end();
                    return;
                }
                ACCEPTED.add(new Delivery(request.getHeader("Authorization"), body.toJsonObject()));
                int events = body.toJsonObject().getJsonArray("events").size();
                request.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("received", events).put("stored", events).put("duplicates", 0).encode());
            })).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
            return Map.of("quarkus.rest-client.metrics-events.url", "http://localhost:" + port);
        } catch (Exception e) {
            throw new IllegalStateException("The metrics stub did not start", e);
        }
    }

    @Override
    public void stop() {
        vertx.close();
    }
}
