package io.cxmeter.gateway.routing;

import java.net.URI;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;

/** The gateway's own small calls to the services' operational endpoints (health, OpenAPI): short timeouts. */
@ApplicationScoped
public class ServiceCalls {

    private static final long TIMEOUT_MS = 2_000;

    @Inject
    Vertx vertx;

    @Inject
    ServicesConfig services;

    private HttpClient client;

    @PostConstruct
    void init() {
        client = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout((int) TIMEOUT_MS).setMaxPoolSize(4));
    }

    /** Each service by name, where it listens. */
    public Map<String, URI> services() {
        return Map.of("survey-service", services.survey(), "ticket-service", services.ticket(),
                "metrics-service", services.metrics());
    }

    /** Each service by name, where its management interface (health) listens. */
    public Map<String, URI> managementInterfaces() {
        return Map.of("survey-service", services.surveyManagement(), "ticket-service", services.ticketManagement(),
                "metrics-service", services.metricsManagement());
    }

    /** The body of a GET that answered 200; a failed future otherwise. */
    public Future<Buffer> get(URI service, String path) {
        boolean tls = "https".equals(service.getScheme());
        int port = service.getPort() > 0 ? service.getPort() : (tls ? 443 : 80);
        return client.request(new RequestOptions().setMethod(HttpMethod.GET).setHost(service.getHost()).setPort(port)
                        .setSsl(tls).setURI(path).setTimeout(TIMEOUT_MS))
                .compose(request -> request.send())
                .compose(response -> response.statusCode() == 200 ? response.body()
                        : Future.failedFuture(service.getHost() + path + " answered " + response.statusCode()));
    }
}
