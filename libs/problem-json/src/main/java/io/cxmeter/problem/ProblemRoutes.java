package io.cxmeter.problem;

import jakarta.enterprise.event.Observes;

import io.quarkus.security.AuthenticationException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * problem+json outside REST: renders authentication and authorization failures that happen before a
 * request reaches REST (proactive authentication, path permissions), and lets plain Vert.x routes
 * (the gateway's proxy) answer with the same shape.
 */
public class ProblemRoutes {

    static final String UNAUTHENTICATED = "Missing or invalid credentials.";
    static final String FORBIDDEN = "These credentials do not allow this operation.";

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(ProblemRoutes::renderSecurityFailure);
    }

    static void renderSecurityFailure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof AuthenticationException || failure instanceof UnauthorizedException) {
            send(ctx, Problem.of(401, UNAUTHENTICATED));
        } else if (failure instanceof ForbiddenException) {
            send(ctx, Problem.of(403, FORBIDDEN));
        } else {
            ctx.next();
        }
    }

    /** Writes a problem straight to a Vert.x response: for routes that do not go through REST. */
    public static void send(RoutingContext ctx, Problem problem) {
        if (ctx.response().ended()) {
            return;
        }
        if (ctx.response().headWritten()) {
            ctx.response().end();
            return;
        }
        Problem located = problem.instance() == null ? problem.at(ctx.normalizedPath()) : problem;
        ctx.response()
                .setStatusCode(located.status())
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(Json.encode(located));
    }
}
