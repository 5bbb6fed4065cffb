package io.cxmeter.gateway;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;

/**
 * Three tiny HTTP servers standing in for survey-, ticket- and metrics-service. Each answers with
 * what it received (its name, method, path, headers, body size), so tests see exactly what the
 * gateway forwarded. A path ending in {@code /silent} is never answered; one ending in
 * {@code /unavailable} gets a 503, as from a service that is overloaded or shutting down.
 */
public class UpstreamStubs implements QuarkusTestResourceLifecycleManager {

    private Vertx vertx;

    @Override
    public Map<String, String> start() {
        vertx = Vertx.vertx();
        Map<String, String> config = new HashMap<>();
        for (String service : new String[] {"survey", "ticket", "metrics"}) {
            String url = "http://localhost:" + echoServer(service).actualPort();
            config.put("cxmeter.services." + service, url);
            config.put("cxmeter.services." + service + "-management", url);
        }
        return config;
    }

    private HttpServer echoServer(String service) {
        try {
            return vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
                if (request.path().endsWith("/silent")) {
                    return; // a service that accepted the request and never answers
                }
                if (request.path().endsWith("/unavailable")) {
                    request.response().setStatusCode(503).putHeader("Content-Type", "application/json")
                            .end(new JsonObject().put("service", service).encode());
                    return;
                }
                if (request.path().equals("/q/openapi")) {
                    request.response().putHeader("Content-Type", "application/json").end(openApi(service).encode());
                    return;
                }
                JsonObject headers = new JsonObject();
                request.headers().forEach(h -> headers.put(h.getKey().toLowerCase(), h.getValue()));
                JsonObject echo = new JsonObject()
                        .put("service", service)
                        .put("method", request.method().name())
                        .put("uri", request.uri())
                        .put("headers", headers)
                        .put("bodyLength", body.length())
                        .put("bodyHash", Integer.toHexString(body.toString().hashCode()));
                request.response().putHeader("Content-Type", "application/json").end(echo.encode());
            })).listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Upstream stub did not start", e);
        }
    }

    /** A small API description: one public path, one internal one, and a schema named alike in every service. */
    static JsonObject openApi(String service) {
        JsonObject page = new JsonObject().put("$ref", "#/components/schemas/Page");
        JsonObject get = new JsonObject().put("tags", new io.vertx.core.json.JsonArray().add(service))
                .put("security", new io.vertx.core.json.JsonArray().add(new JsonObject().put("internal", new io.vertx.core.json.JsonArray())))
                .put("responses", new JsonObject().put("200", new JsonObject().put("description", "ok")
                        .put("content", new JsonObject().put("application/json", new JsonObject().put("schema", page)))));
        return new JsonObject().put("openapi", "3.1.0")
                .put("paths", new JsonObject()
                        .put("/api/v1/" + service + "-things", new JsonObject().put("get", get))
                        .put("/internal/v1/" + service, new JsonObject().put("post", new JsonObject())))
                .put("components", new JsonObject().put("schemas", new JsonObject()
                        .put("Page", new JsonObject().put("type", "object").put("description", service + " page"))));
    }

    @Override
    public void stop() {
        if (vertx != null) {
            vertx.close();
        }
    }
}
