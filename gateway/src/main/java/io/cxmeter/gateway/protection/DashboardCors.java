package io.cxmeter.gateway.protection;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.cxmeter.problem.Problem;
import io.cxmeter.problem.ProblemRoutes;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * CORS for /api/**: only the configured dashboard origins may call the API from a browser. Preflights
 * are answered here, before authentication (a browser sends no credentials with them). The public
 * paths are not touched: there the survey's allowedOrigins decide, in survey-service, and the gateway
 * passes its answer through without widening it.
 */
@ApplicationScoped
public class DashboardCors {

    /** Before authentication (200). */
    static final int PRIORITY = 300;
    static final String METHODS = "GET, POST, PUT, PATCH, DELETE";
    static final String HEADERS = "Authorization, X-Api-Key, Content-Type, Idempotency-Key, X-Request-Id, traceparent";
    static final String EXPOSED = "Location, Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, X-Request-Id";

    @Inject
    CorsConfig config;

    void register(@Observes Filters filters) {
        filters.register(this::cors, PRIORITY);
    }

    private void cors(RoutingContext ctx) {
        String origin = ctx.request().getHeader("Origin");
        if (origin == null || !ctx.normalizedPath().startsWith("/api/")) {
            ctx.next();
            return;
        }
        boolean allowed = config.dashboardOrigins().orElse(List.of()).contains(origin);
        boolean preflight = ctx.request().method() == HttpMethod.OPTIONS
                && ctx.request().getHeader("Access-Control-Request-Method") != null;
        HttpServerResponse response = ctx.response();
        response.putHeader("Vary", "Origin");
        if (preflight) {
            if (!allowed) {
                ProblemRoutes.send(ctx, Problem.of(403, "Origin " + origin + " may not call the API from a browser."));
                return;
            }
            response.putHeader("Access-Control-Allow-Origin", origin)
                    .putHeader("Access-Control-Allow-Methods", METHODS)
                    .putHeader("Access-Control-Allow-Headers", HEADERS)
                    .putHeader("Access-Control-Max-Age", "600")
                    .setStatusCode(204)
                    .end();
            return;
        }
        if (allowed) {
            response.putHeader("Access-Control-Allow-Origin", origin)
                    .putHeader("Access-Control-Expose-Headers", EXPOSED);
        }
        ctx.next();
    }
}
