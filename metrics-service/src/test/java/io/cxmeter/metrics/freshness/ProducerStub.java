package io.cxmeter.metrics.freshness;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.json.JsonObject;

/**
 * The producers' outbox status endpoints (survey-service, ticket-service), as WireMock plays them for
 * every test of the module: nothing waits unless a test says so with {@link #waiting}; {@link #down}
 * answers 503; {@link #reset} brings back the default.
 */
public class ProducerStub implements QuarkusTestResourceLifecycleManager {

    private static final String STATUS = "/status/v1/outbox";
    private static final Map<String, WireMockServer> SERVERS = Map.of(
            "survey-service", new WireMockServer(options().dynamicPort()),
            "ticket-service", new WireMockServer(options().dynamicPort()));

    @Override
    public Map<String, String> start() {
        SERVERS.values().forEach(WireMockServer::start);
        reset();
        return Map.of("cxmeter.producers.survey-url", SERVERS.get("survey-service").baseUrl(),
                "cxmeter.producers.ticket-url", SERVERS.get("ticket-service").baseUrl(),
                "cxmeter.producers.timeout", "PT1S");
    }

    /** Every producer reachable with nothing waiting, and what they were asked forgotten. */
    public static void reset() {
        SERVERS.keySet().forEach(service -> {
            SERVERS.get(service).resetAll();
            waiting(service, 0, null);
        });
    }

    /** {@code service} reports {@code pending} changes waiting, the oldest from {@code oldest}. */
    public static void waiting(String service, long pending, OffsetDateTime oldest) {
        SERVERS.get(service).stubFor(get(urlEqualTo(STATUS)).willReturn(okJson(new JsonObject().put("service", service)
                .put("pendingEvents", pending).put("oldestPendingAt", oldest == null ? null : oldest.toString()).encode())));
    }

    /** {@code service} answers 503. */
    public static void down(String service) {
        SERVERS.get(service).stubFor(get(urlEqualTo(STATUS)).willReturn(aResponse().withStatus(503)));
    }

    /** The Authorization header of each request {@code service} received, oldest first. */
    public static List<String> authorizations(String service) {
        return SERVERS.get(service).findAll(getRequestedFor(urlEqualTo(STATUS))).stream()
                .map(request -> request.getHeader("Authorization")).toList();
    }

    @Override
    public void stop() {
        SERVERS.values().forEach(WireMockServer::stop);
    }
}
