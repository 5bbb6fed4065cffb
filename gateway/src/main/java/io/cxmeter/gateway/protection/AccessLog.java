package io.cxmeter.gateway.protection;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

import io.cxmeter.gateway.identity.GatewayCaller;
import io.cxmeter.gateway.routing.RouteTable;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;

/**
 * The first thing every request meets: it gets its request id ({@code X-Request-Id}, the caller's if
 * sensible, else a new one; returned on every answer and passed to the services), and when it ends, one
 * access-log line (category {@code cxmeter.access}; tenant, route, status and latency as fields in
 * JSON logs) and one sample of the {@code gateway_requests} timer tagged by route, service, method
 * and status. Health, metrics and docs requests are not logged.
 */
@ApplicationScoped
public class AccessLog {

    public static final String REQUEST_ID = "X-Request-Id";
    static final int PRIORITY = 500;
    private static final Logger LOG = Logger.getLogger("cxmeter.access");
    private static final Pattern SENSIBLE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,200}");

    @Inject
    MeterRegistry registry;

    void register(@Observes Filters filters) {
        filters.register(this::start, PRIORITY);
    }

    private void start(RoutingContext ctx) {
        long started = System.nanoTime();
        String id = ctx.request().getHeader(REQUEST_ID);
        if (id == null || !SENSIBLE_ID.matcher(id).matches()) {
            id = UUID.randomUUID().toString();
        }
        ctx.put(REQUEST_ID, id);
        ctx.request().headers().set(REQUEST_ID, id);
        ctx.response().putHeader(REQUEST_ID, id);
        String path = ctx.normalizedPath();
        if (!path.startsWith("/q/")) {
            ctx.addEndHandler(done -> finished(ctx, path, System.nanoTime() - started));
        }
        ctx.next();
    }

    private void finished(RoutingContext ctx, String path, long nanos) {
        int status = ctx.response().getStatusCode();
        String[] route = route(path);
        String method = ctx.request().method().name();
        Timer.builder("gateway.requests")
                .description("Requests through the gateway, by route, service, method and status")
                .tags("route", route[0], "service", route[1], "method", method, "status", Integer.toString(status))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
        String tenant = ctx.user() instanceof QuarkusHttpUser user && !user.getSecurityIdentity().isAnonymous()
                ? GatewayCaller.tenantIdOf(user.getSecurityIdentity()) : null;
        long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
        MDC.put("requestId", ctx.get(REQUEST_ID));
        MDC.put("tenant", tenant == null ? "-" : tenant);
        MDC.put("route", route[0]);
        MDC.put("status", Integer.toString(status));
        MDC.put("latencyMs", Long.toString(millis));
        try {
            LOG.infof("%s %s %d %d ms tenant=%s route=%s", method, path, status, millis, tenant == null ? "-" : tenant, route[0]);
        } finally {
            MDC.remove("requestId");
            MDC.remove("tenant");
            MDC.remove("route");
            MDC.remove("status");
            MDC.remove("latencyMs");
        }
    }

    /** The route prefix and owning service of a path, with few distinct values (never ids). */
    static String[] route(String path) {
        var route = RouteTable.of(path);
        if (route.isPresent()) {
            return new String[] {route.get().prefix(), route.get().service().name().toLowerCase()};
        }
        for (String own : new String[] {"/api/v1/tenants", "/api/v1/api-keys"}) {
            if (path.equals(own) || path.startsWith(own + "/")) {
                return new String[] {own, "gateway"};
            }
        }
        return new String[] {"other", "gateway"};
    }
}
