package io.cxmeter.gateway.routing;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/**
 * Reports whether each service answers its readiness check, under {@code /q/health/well} (and in
 * {@code /q/health}). It is a wellness check on purpose: the gateway's own liveness and readiness do
 * not depend on the services, so one service down never takes every gateway replica out of the
 * load balancer.
 */
@Wellness
@ApplicationScoped
public class DownstreamHealth implements AsyncHealthCheck {

    private static final long TIMEOUT_MS = 2_000;

    @Inject
    Vertx vertx;

    @Inject
    ServicesConfig services;

    private HttpClient client;

    @PostConstruct
    void init() {
        client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) TIMEOUT_MS).setMaxPoolSize(3));
    }

    @Override
    public Uni<HealthCheckResponse> call() {
        Map<String, URI> targets = Map.of("survey-service", services.survey(), "ticket-service", services.ticket(),
                "metrics-service", services.metrics());
        List<String> names = targets.keySet().stream().sorted().toList();
        List<Future<Boolean>> checks = names.stream().map(name -> ready(targets.get(name))).toList();
        return Uni.createFrom().completionStage(Future.join(checks).otherwiseEmpty().toCompletionStage()).map(ignored -> {
            HealthCheckResponseBuilder response = HealthCheckResponse.named("downstream services").up();
            for (int i = 0; i < names.size(); i++) {
                boolean up = Boolean.TRUE.equals(checks.get(i).result());
                response.withData(names.get(i), up ? "UP" : "DOWN");
                if (!up) {
                    response.down();
                }
            }
            return response.build();
        });
    }

    private Future<Boolean> ready(URI service) {
        boolean tls = "https".equals(service.getScheme());
        int port = service.getPort() > 0 ? service.getPort() : (tls ? 443 : 80);
        return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(service.getHost()).setPort(port)
                        .setSsl(tls).setURI("/q/health/ready").setTimeout(TIMEOUT_MS))
                .compose(request -> request.send())
                .map(response -> response.statusCode() == 200)
                .otherwise(false);
    }
}
