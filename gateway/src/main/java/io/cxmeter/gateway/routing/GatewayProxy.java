package io.cxmeter.gateway.routing;

import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.cxmeter.gateway.apikeys.ApiKeyAuthenticationMechanism;
import io.cxmeter.gateway.identity.GatewayCaller;
import io.cxmeter.gateway.identity.Roles;
import io.cxmeter.internalauth.InternalCaller;
import io.cxmeter.problem.Problem;
import io.cxmeter.problem.ProblemException;
import io.cxmeter.problem.ProblemRoutes;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.Json;
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

    static final String REQUEST_ID = "X-Request-Id";

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
        return HttpProxy.reverseProxy(vertx.createHttpClient(options)).origin(port, origin.getHost())
                .addInterceptor(new UnavailableAsProblem(name));
    }

    /**
     * A service that cannot be reached (stopped, restarting, unreachable) answers at once with a
     * 503 problem and Retry-After, instead of the proxy's bare 502; no internal address leaks out.
     */
    private record UnavailableAsProblem(String service) implements ProxyInterceptor {

        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            return context.sendRequest().recover(failure -> {
                Problem problem = Problem.of(503, service + " is unavailable right now; try again shortly.")
                        .at(context.request().proxiedRequest().path());
                ProxyResponse response = context.request().response()
                        .setStatusCode(503)
                        .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.RETRY_AFTER, "5")
                        .setBody(Body.body(Buffer.buffer(Json.encode(problem))));
                return Future.succeededFuture(response);
            });
        }
    }

    private void forward(RoutingContext ctx, RouteTable.Route route, HttpProxy proxy) {
        HttpServerRequest request = ctx.request();
        MultiMap headers = request.headers();
        String requestId = headers.get(REQUEST_ID);
        if (requestId == null || requestId.isBlank() || requestId.length() > 200) {
            requestId = UUID.randomUUID().toString();
        }
        headers.set(REQUEST_ID, requestId);
        ctx.response().putHeader(REQUEST_ID, requestId);

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
