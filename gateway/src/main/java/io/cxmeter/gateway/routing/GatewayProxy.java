package io.cxmeter.gateway.routing;

import java.net.URI;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.util.TypeLiteral;
import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;

import io.cxmeter.gateway.apikeys.ApiKeyAuthenticationMechanism;
import io.cxmeter.gateway.identity.GatewayCaller;
import io.cxmeter.gateway.identity.Roles;
import io.cxmeter.internalauth.InternalCaller;
import io.cxmeter.problem.Problem;
import io.cxmeter.problem.ProblemException;
import io.cxmeter.problem.ProblemRoutes;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.smallrye.faulttolerance.api.Guard;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
import io.vertx.core.net.SocketAddress;
import io.netty.handler.timeout.TimeoutException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

/**
 * Forwards the public API to the services with Vert.x's reverse proxy, which streams bodies both
 * ways. The caller's credentials never travel on: the service gets the gateway's internal JWT instead.
 */
@ApplicationScoped
public class GatewayProxy {

    @Inject
    Vertx vertx;

    @Inject
    ServicesConfig services;

    @Inject
    InternalTokens tokens;

    void routes(@Observes Router router) {
        Map<RouteTable.Service, HttpProxy> proxies = new EnumMap<>(RouteTable.Service.class);
        proxies.put(RouteTable.Service.SURVEY, proxyTo("survey-service", services.survey()));
        proxies.put(RouteTable.Service.TICKET, proxyTo("ticket-service", services.ticket()));
        proxies.put(RouteTable.Service.METRICS, proxyTo("metrics-service", services.metrics()));
        for (RouteTable.Route route : RouteTable.ROUTES) {
            HttpProxy proxy = proxies.get(route.service());
            router.routeWithRegex(route.regex()).handler(ctx -> forward(ctx, route, proxy));
        }
    }

    private HttpProxy proxyTo(String name, URI origin) {
        boolean tls = "https".equals(origin.getScheme());
        int port = origin.getPort() > 0 ? origin.getPort() : (tls ? 443 : 80);
        HttpClientOptions options = new HttpClientOptions()
                .setSsl(tls)
                .setConnectTimeout((int) services.connectTimeout().toMillis())
                .setMaxPoolSize(services.maxConnectionsPerService())
                .setKeepAlive(true);
        SocketAddress server = SocketAddress.inetSocketAddress(port, origin.getHost());
        HttpClient client = vertx.createHttpClient(options);
        // Failures in a row open the circuit: a window of that many requests, all failed.
        Guard breaker = Guard.create().withDescription(name)
                .withCircuitBreaker().name(name)
                .requestVolumeThreshold(services.breakerFailures()).failureRatio(1.0)
                .delay(services.breakerOpenFor().toMillis(), ChronoUnit.MILLIS).successThreshold(1)
                .done()
                .build();
        return HttpProxy.reverseProxy(client)
                .originRequestProvider((request, http) -> {
                    RequestOptions target = new RequestOptions().setServer(server)
                            .setIdleTimeout(services.timeout().toMillis());
                    // A connection that could not be made sent nothing: safe to try again for idempotent methods.
                    return IDEMPOTENT.contains(request.method())
                            ? Retries.withPauses(vertx, () -> http.request(target), Retries.PAUSES)
                            : http.request(target);
                })
                .addInterceptor(new Resilience(name, breaker, services.breakerOpenFor(), services.timeout()));
    }

    private static final Set<HttpMethod> IDEMPOTENT = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS,
            HttpMethod.PUT, HttpMethod.DELETE);

    /**
     * A service that cannot be reached (stopped, restarting, unreachable) or stays silent past the
     * timeout answers with a 503 or 504 problem and Retry-After, instead of the proxy's bare 502 or a
     * hanging caller; no internal address leaks out. Repeated failures (those, or the service's own
     * 502/503/504) open the service's circuit (SmallRye Fault Tolerance): then callers get a 503 at
     * once, without a connection attempt, until a trial request after {@code openFor} succeeds.
     */
    private record Resilience(String service, Guard breaker, Duration openFor, Duration timeout) implements ProxyInterceptor {

        private static final TypeLiteral<CompletionStage<ProxyResponse>> RESPONSE = new TypeLiteral<>() {
        };

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            CompletionStage<ProxyResponse> guarded = breaker.get(() -> context.sendRequest()
                    .compose(response -> GATEWAY_FAILURES.contains(response.getStatusCode())
                            ? Future.failedFuture(new FailedAnswer(response)) : Future.succeededFuture(response))
                    .toCompletionStage(), RESPONSE);
            return Future.fromCompletionStage(guarded, Vertx.currentContext()).recover(thrown -> {
                Throwable failure = thrown instanceof CompletionException && thrown.getCause() != null ? thrown.getCause() : thrown;
                if (failure instanceof FailedAnswer answer) {
                    return Future.succeededFuture(answer.response); // the service's own answer goes back as it was
                }
                if (failure instanceof CircuitBreakerOpenException) {
                    long wait = Math.max(1, openFor.toSeconds());
                    return Future.succeededFuture(problem(context, 503, service
                            + " failed repeatedly; requests to it are paused for up to " + wait + " s.", wait));
                }
                return Future.succeededFuture(failure instanceof TimeoutException
                        || failure instanceof java.util.concurrent.TimeoutException
                        ? problem(context, 504, service + " did not answer within " + timeout.toSeconds() + " s.", 5)
                        : problem(context, 503, service + " is unavailable right now; try again shortly.", 5));
            });
        }

        private static ProxyResponse problem(ProxyContext context, int status, String detail, long retryAfter) {
            Problem problem = Problem.of(status, detail).at(context.request().proxiedRequest().path());
            return context.request().response()
                    .setStatusCode(status)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter))
                    .setBody(Body.body(Buffer.buffer(Json.encode(problem))));
        }
    }

    /** A service's own 502, 503 or 504: a failure to the circuit, passed back to the caller unchanged. */
    private static final class FailedAnswer extends RuntimeException {

        private final transient ProxyResponse response;

        FailedAnswer(ProxyResponse response) {
            super("answered " + response.getStatusCode(), null, false, false);
            this.response = response;
        }
    }

    private static final Set<Integer> GATEWAY_FAILURES = Set.of(502, 503, 504);

    private void forward(RoutingContext ctx, RouteTable.Route route, HttpProxy proxy) {
        HttpServerRequest request = ctx.request();
        MultiMap headers = request.headers();

        String token = null;
        if (!route.open()) {
            SecurityIdentity identity = ctx.user() instanceof QuarkusHttpUser user ? user.getSecurityIdentity() : null;
            if (identity == null || identity.isAnonymous()) {
                ProblemRoutes.send(ctx, Problem.of(401, "Missing or invalid credentials: send X-Api-Key or an OIDC bearer token."));
                return;
            }
            InternalCaller caller;
            try {
                caller = GatewayCaller.toInternal(identity);
            } catch (ProblemException e) {
                ProblemRoutes.send(ctx, e.toProblem());
                return;
            }
            String needed = Roles.neededFor(request.method().name());
            if (!caller.hasRole(needed)) {
                ProblemRoutes.send(ctx, Problem.of(403, request.method().name() + " on " + route.prefix()
                        + " needs the '" + needed + "' scope; these credentials have " + caller.roles() + "."));
                return;
            }
            token = tokens.mint(caller);
        }

        // Nothing the caller sent as credentials or forwarding claims reaches a service.
        headers.remove(ApiKeyAuthenticationMechanism.HEADER);
        headers.remove(HttpHeaders.AUTHORIZATION);
        headers.remove(HttpHeaders.COOKIE);
        headers.remove("Forwarded");
        headers.set("X-Forwarded-Host", request.authority() == null ? "" : request.authority().toString());
        headers.set("X-Forwarded-Proto", request.scheme());
        headers.set("X-Forwarded-For", request.remoteAddress() == null ? "" : request.remoteAddress().hostAddress());
        if (token != null) {
            headers.set(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        }
        proxy.handle(request);
    }
}
