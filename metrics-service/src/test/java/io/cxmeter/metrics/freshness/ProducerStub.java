package io.cxmeter.metrics.freshness;

import java.time.OffsetDateTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

/**
 * Plays the producers' outbox status endpoints (survey-service, ticket-service): nothing waits
 * unless a test says so in {@link #WAITING}; a service in {@link #DOWN} answers 503. The last
 * Authorization header each received is kept in {@link #AUTHORIZATION}.
 */
public class ProducerStub implements QuarkusTestResourceLifecycleManager {

    /** What a producer reports waiting: a count and the oldest change's time. */
    public record Waiting(long pending, OffsetDateTime oldest) {
    }

    public static final Map<String, Waiting> WAITING = new ConcurrentHashMap<>();
    public static final Map<String, Boolean> DOWN = new ConcurrentHashMap<>();
    public static final Map<String, String> AUTHORIZATION = new ConcurrentHashMap<>();

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        return Map.of("cxmeter.producers.survey-url", "http://localhost:" + serve("survey-service"),
                "cxmeter.producers.ticket-url", "http://localhost:" + serve("ticket-service"),
                "cxmeter.producers.timeout", "PT1S");
    }

    private int serve(String service) {
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(request -> {
                AUTHORIZATION.put(service, String.valueOf(request.getHeader("Authorization")));
                if (DOWN.getOrDefault(service, false) || !"/status/v1/outbox".equals(request.path())) {
                    request.response().setStatusCode(DOWN.getOrDefault(service, false) ? 503 : 404).end();
                    return;
                }
                Waiting waiting = WAITING.getOrDefault(service, new Waiting(0, null));
                request.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("service", service)
                        .put("pendingEvents", waiting.pending())
                        .put("oldestPendingAt", waiting.oldest() == null ? null : waiting.oldest().toString()).encode());
            });
            return server.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
        } catch (Exception e) {
            throw new IllegalStateException("The producer stub did not start", e);
        }
    }

    @Override
    public void stop() {
        vertx.close();
    }
}
