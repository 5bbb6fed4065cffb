package io.cxmeter.problem;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

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
        router.route().order(Integer.MIN_VALUE).handler(ProblemRoutes::refuseNulInUri);
    }

    /**
     * A NUL character (%00) in the path or a query parameter is refused before any work: PostgreSQL
     * cannot store or compare it, so it would otherwise fail deep inside a query.
     */
    static void refuseNulInUri(RoutingContext ctx) {
        String uri = ctx.request().uri();
        int nul = uri.indexOf("%00");
        if (nul < 0) {
            ctx.next();
            return;
        }
        String field = "path";
        int query = uri.indexOf('?');
        if (query >= 0 && nul > query) {
            for (String pair : uri.substring(query + 1).split("&")) {
                if (pair.contains("%00")) {
                    String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
                    field = URLDecoder.decode(name, StandardCharsets.UTF_8).replace("\0", "");
                    break;
                }
            }
        }
        send(ctx, Problem.of(400, "The request's " + field + " contains the NUL character (%00), which is never valid.")
                .withErrors(List.of(Problem.Violation.ofField(field, StrictJsonInput.MESSAGE))));
    }

    static void renderSecurityFailure(RoutingContext ctx) {
        Throwable failure = ctx.failure();
        if (failure instanceof AuthenticationException || failure instanceof UnauthorizedException) {
            send(ctx, Problem.of(401, UNAUTHENTICATED));
        } else if (failure instanceof ForbiddenException) {
            send(ctx, Problem.of(403, FORBIDDEN));
        } else if (tooLarge(failure) || ctx.statusCode() == 413 || status(failure) == 413) {
            ctx.response().putHeader("Connection", "close");
            send(ctx, Problem.of(413, "The request body, or one of its form fields, is larger than accepted here."));
        } else if (clientError(ctx.statusCode()) || clientError(status(failure))) {
            // What the HTTP layer refused before any resource saw the request (a malformed form, say).
            int status = clientError(status(failure)) ? status(failure) : ctx.statusCode();
            send(ctx, Problem.of(status, "The request could not be read (" + Problem.titleOf(status) + ")."));
        } else {
            ctx.next();
        }
    }

    private static boolean clientError(int status) {
        return status >= 400 && status < 500;
    }

    /** The status a REST-layer failure carries (reading a form, say), or -1. */
    private static int status(Throwable failure) {
        return failure instanceof jakarta.ws.rs.WebApplicationException e && e.getResponse() != null
                ? e.getResponse().getStatus() : -1;
    }

    /** Netty's and Vert.x's refusals of an over-long body or form field. */
    private static boolean tooLarge(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            String name = t.getClass().getSimpleName();
            if (name.contains("TooLong") || name.contains("TooLarge")) {
                return true;
            }
        }
        return false;
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
