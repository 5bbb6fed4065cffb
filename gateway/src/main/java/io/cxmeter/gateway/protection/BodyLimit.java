package io.cxmeter.gateway.protection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.cxmeter.gateway.routing.RouteTable;
import io.cxmeter.problem.Problem;
import io.cxmeter.problem.ProblemRoutes;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses a URI longer than 8 KB (414) and a body announced larger than the limit (413) with a problem
 * before anything else happens (no credential lookup, no connection to a service). Imports may send up to the server's limit;
 * the public paths (widget answers, rating-link comments) take what an answer needs and no more,
 * and must announce their length: anyone on the internet can call them. Other bodies sent in chunks
 * are held to the limit by the service that receives them.
 */
@ApplicationScoped
public class BodyLimit {

    /** Before CORS (300) and authentication (200). */
    static final int PRIORITY = 400;
    /**
     * The longest URI answered. The HTTP server reads request lines up to its own, larger limit
     * (quarkus.http.limits.max-initial-line-length), so that up to there the refusal is a problem.
     */
    static final int MAX_URI = 8192;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    @Inject
    PublicConfig publicConfig;

    void register(@Observes Filters filters) {
        filters.register(this::check, PRIORITY);
    }

    private void check(RoutingContext ctx) {
        if (ctx.request().uri().length() > MAX_URI) {
            refuse(ctx, Problem.of(414, "The request's URI has " + ctx.request().uri().length() + " characters; at most "
                    + MAX_URI + " are accepted. Send large filters in a body or split the request."));
            return;
        }
        boolean open = RouteTable.isOpen(ctx.normalizedPath());
        long limit = open ? publicConfig.bodyLimit().asLongValue() : maxBodySize.asLongValue();
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length == null) {
            if (open && carriesBody(ctx.request().method())) {
                refuse(ctx, Problem.of(411, "Requests to public paths must announce their length (Content-Length)."));
                return;
            }
            ctx.next();
            return;
        }
        long announced;
        try {
            announced = Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            announced = -1;
        }
        if (announced < 0) {
            refuse(ctx, Problem.of(400, "Content-Length '" + length + "' is not a size."));
        } else if (announced > limit) {
            refuse(ctx, Problem.of(413, "The body has " + announced + " bytes; at most " + limit + " are accepted"
                    + (open ? " here." : ". Split the import into several files.")));
        } else {
            ctx.next();
        }
    }

    private static boolean carriesBody(HttpMethod method) {
        return method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    }

    private static void refuse(RoutingContext ctx, Problem problem) {
        ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
        ProblemRoutes.send(ctx, problem);
    }
}
