package io.cxmeter.gateway.protection;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import io.cxmeter.gateway.identity.GatewayCaller;
import io.cxmeter.problem.Problem;
import io.cxmeter.problem.ProblemRoutes;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;

/**
 * Applies the rate limits to every request, after authentication and before any route (the
 * gateway's own endpoints and the proxied ones alike). Every limited answer carries
 * {@code RateLimit-Limit}, {@code RateLimit-Remaining} and {@code RateLimit-Reset}; a refused one is a
 * 429 problem with {@code Retry-After}.
 */
@ApplicationScoped
public class RateLimits {

    /** After authentication (200) and authorization (100), before the routes. */
    static final int PRIORITY = 90;
    private static final Logger LOG = Logger.getLogger(RateLimits.class);

    @Inject
    RateLimitConfig config;

    @Inject
    RateLimiter limiter;

    @Produces
    @Singleton
    static RateLimiter limiter(RateLimitConfig config) {
        if (config.redisUrl().isEmpty() || config.redisUrl().get().isBlank()) {
            return RateLimiter.inMemory();
        }
        try {
            return RateLimiter.redis(config.redisUrl().get(), config.redisTimeout());
        } catch (RuntimeException e) {
            LOG.errorf("Redis for rate limits unreachable (%s): each replica keeps its own buckets until restarted", e.toString());
            return RateLimiter.inMemory();
        }
    }

    private ClientAddress clientAddress;

    void register(@Observes Filters filters) {
        clientAddress = new ClientAddress(config.trustedProxies().orElse(java.util.List.of()));
        if (config.enabled()) {
            filters.register(this::limit, PRIORITY);
        }
    }

    /** Which bucket a request draws from, or null when none applies (health, metrics, docs). */
    record Target(String plan, String caller, RateLimitConfig.Plan limits) {
    }

    Target target(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        String ip = clientAddress.of(ctx.request().remoteAddress() == null ? null : ctx.request().remoteAddress().hostAddress(),
                ctx.request().getHeader("Forwarded"), ctx.request().getHeader("X-Forwarded-For"));
        if (path.startsWith("/api/")) {
            SecurityIdentity identity = ctx.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
            if (identity == null || identity.isAnonymous()) {
                return new Target("anonymous", ip, config.publicPaths());
            }
            return new Target("api", GatewayCaller.rateLimitKey(identity), config.api());
        }
        if (path.startsWith("/public/") || path.startsWith("/r/")) {
            return new Target("public", ip + ":" + subject(path), config.publicPaths());
        }
        if (path.startsWith("/widget/")) {
            return new Target("public", ip + ":widget", config.publicPaths());
        }
        return null;
    }

    /** The survey (public key) or rating token a public path is about. */
    static String subject(String path) {
        String[] parts = path.split("/");
        // /public/v1/surveys/{key}/... → key; /r/{token}/... → token
        if (path.startsWith("/r/")) {
            return parts.length > 2 ? parts[2] : "";
        }
        return parts.length > 4 ? parts[4] : "";
    }

    private void limit(RoutingContext ctx) {
        Target target = target(ctx);
        if (target == null) {
            ctx.next();
            return;
        }
        var stage = limiter.consume(target.plan(), target.caller(), target.limits().capacity(), target.limits().period());
        if (stage.toCompletableFuture().isDone()) {
            apply(ctx, stage.toCompletableFuture().join());
            return;
        }
        // Redis: hold the body until the decision, then carry on on the request's own context.
        ctx.request().pause();
        io.vertx.core.Context context = io.vertx.core.Vertx.currentContext();
        stage.whenComplete((decision, failure) -> context.runOnContext(ignored -> apply(ctx,
                decision != null ? decision : RateLimiter.Decision.unlimited(target.limits().capacity()))));
    }

    private static void apply(RoutingContext ctx, RateLimiter.Decision decision) {
        HttpServerResponse response = ctx.response();
        response.putHeader("RateLimit-Limit", Long.toString(decision.limit()));
        response.putHeader("RateLimit-Remaining", Long.toString(decision.remaining()));
        response.putHeader("RateLimit-Reset", Long.toString(decision.resetSeconds()));
        if (decision.allowed()) {
            ctx.next();
            return;
        }
        response.putHeader("Retry-After", Long.toString(decision.retryAfterSeconds()));
        ProblemRoutes.send(ctx, Problem.of(429, "Too many requests: at most " + decision.limit()
                + " in a burst; try again in " + decision.retryAfterSeconds() + " s."));
    }
}
