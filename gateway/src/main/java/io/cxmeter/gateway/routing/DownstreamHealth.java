package io.cxmeter.gateway.routing;

import java.net.URI;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.health.api.Wellness;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;

/**
 * Reports whether each service answers its readiness check (on its management interface), under
 * {@code /q/health/well} (and in {@code /q/health}) of the gateway's own management interface. It is a wellness check on purpose: the gateway's own liveness and readiness do
 * not depend on the services, so one service down never takes every gateway replica out of the
 * load balancer.
 */
@Wellness
@ApplicationScoped
public class DownstreamHealth implements AsyncHealthCheck {

    @Inject
    ServiceCalls calls;

    @Override
    public Uni<HealthCheckResponse> call() {
        Map<String, URI> targets = calls.managementInterfaces();
        List<String> names = targets.keySet().stream().sorted().toList();
        List<Future<Boolean>> checks = names.stream()
                .map(name -> calls.get(targets.get(name), "/q/health/ready").map(body -> true).otherwise(false))
                .toList();
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
}
