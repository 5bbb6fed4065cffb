package io.cxmeter.survey.followups;

import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;

/**
 * Stands in for ticket-service's follow-up endpoint: records every call, answers as ticket-service
 * does (one ticket per response id), and refuses the next {@link #failNext} calls with 503.
 */
public class TicketStub implements QuarkusTestResourceLifecycleManager {

    /** A call as received: the Authorization header and the body. */
    public record Call(String authorization, JsonObject body) {
    }

    public static final ConcurrentLinkedQueue<Call> CALLS = new ConcurrentLinkedQueue<>();
    public static final AtomicInteger failNext = new AtomicInteger();

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        try {
            int port = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
                if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    request.response().setStatusCode(503).end();
                    return;
                }
                JsonObject call = body.toJsonObject();
                CALLS.add(new Call(request.getHeader("Authorization"), call));
                request.response().setStatusCode(201).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("responseId", call.getString("responseId"))
                                .put("ticketId", "followup-" + call.getString("responseId")).put("created", true).encode());
            })).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
            return Map.of("quarkus.rest-client.ticket-follow-ups.url", "http://localhost:" + port);
        } catch (Exception e) {
            throw new IllegalStateException("The ticket stub did not start", e);
        }
    }

    @Override
    public void stop() {
        vertx.close();
    }
}
