package io.cxmeter.gateway.docs;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.cxmeter.gateway.protection.PublicConfig;
import io.cxmeter.gateway.routing.ServiceCalls;
import io.cxmeter.problem.Problem;
import io.cxmeter.problem.ProblemRoutes;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code GET /q/openapi}: the suite's whole API in one document (see {@link OpenApiMerger}), which the
 * gateway's Swagger UI shows. The gateway's own document moves to {@code /q/openapi-gateway}. A merge
 * of every service is kept a minute; while a service cannot be read, the document lists the others
 * and names the missing one in {@code x-missing-services}, and is not kept.
 */
@ApplicationScoped
public class MergedOpenApi {

    private static final Duration KEEP = Duration.ofMinutes(1);

    @Inject
    ServiceCalls calls;

    @ConfigProperty(name = "quarkus.smallrye-openapi.info-title", defaultValue = "cxmeter API")
    String title;

    @ConfigProperty(name = "quarkus.smallrye-openapi.info-version", defaultValue = "1.0")
    String version;

    @Inject
    PublicConfig publicConfig;

    private volatile Buffer kept;
    private volatile long keptUntil;

    void routes(@Observes Router router) {
        router.get("/q/openapi").handler(this::serve);
    }

    private void serve(RoutingContext ctx) {
        if (kept != null && System.nanoTime() < keptUntil) {
            send(ctx, kept);
            return;
        }
        int port = ctx.request().localAddress().port();
        URI self = URI.create("http://127.0.0.1:" + port);
        List<String> names = new ArrayList<>(List.of("gateway"));
        List<Future<Buffer>> documents = new ArrayList<>(List.of(calls.get(self, "/q/openapi-gateway?format=json")));
        calls.services().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(service -> {
            names.add(service.getKey());
            documents.add(calls.get(service.getValue(), "/q/openapi?format=json"));
        });
        Future.join(documents).onComplete(done -> {
            List<OpenApiMerger.Source> sources = new ArrayList<>();
            JsonArray missing = new JsonArray();
            for (int i = 0; i < names.size(); i++) {
                Future<Buffer> document = documents.get(i);
                if (document.succeeded()) {
                    sources.add(new OpenApiMerger.Source(names.get(i), document.result().toJsonObject()));
                } else {
                    missing.add(names.get(i));
                }
            }
            if (sources.isEmpty()) {
                ProblemRoutes.send(ctx, Problem.of(503, "No API description could be read right now."));
                return;
            }
            JsonObject merged = OpenApiMerger.merge(title, version, publicConfig.url().orElse("/"), sources);
            Buffer body = merged.toBuffer();
            if (missing.isEmpty()) {
                kept = body;
                keptUntil = System.nanoTime() + KEEP.toNanos();
            } else {
                body = merged.put("x-missing-services", missing).toBuffer();
            }
            send(ctx, body);
        });
    }

    private static void send(RoutingContext ctx, Buffer body) {
        ctx.response().putHeader("Content-Type", "application/json;charset=UTF-8")
                .putHeader("Cache-Control", "no-cache")
                .end(body);
    }
}
