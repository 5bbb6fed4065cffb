package io.cxmeter.gateway.routing;

import static io.cxmeter.gateway.Fixtures.newTenantId;
import static io.cxmeter.gateway.Fixtures.registerTenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import io.cxmeter.testing.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * metrics-service is down (nothing listens where the gateway expects it); the others are up and
 * answer within the 1 s timeout, except on paths ending in /silent.
 */
@QuarkusTest
@TestProfile(ServiceOutageTest.MetricsDown.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServiceOutageTest {

    private final String health = Management.url("/q/health");


    public static class MetricsDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try (ServerSocket socket = new ServerSocket(0)) {
                // The port was free a moment ago and nothing will listen on it.
                String nowhere = "http://127.0.0.1:" + socket.getLocalPort();
                return Map.of("cxmeter.services.metrics", nowhere, "cxmeter.services.metrics-management", nowhere,
                        "cxmeter.services.timeout", "PT1S");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
    @Order(1)
    void aStoppedServiceGetsAFast503ProblemWithRetryAfter() {
        String key = registerTenant(newTenantId());
        given().header("X-Api-Key", key).get("/api/v1/metrics/nps")
                .then().statusCode(503)
                .time(lessThan(2000L))
                .contentType(startsWith("application/problem+json"))
                .header("Retry-After", "5")
                .body("detail", equalTo("metrics-service is unavailable right now; try again shortly."))
                .body("instance", equalTo("/api/v1/metrics/nps"))
                .body(not(containsString("127.0.0.1")));
        // The other services are unaffected.
        given().header("X-Api-Key", key).get("/api/v1/agents").then().statusCode(200);
    }

    @Test
    @Order(2)
    void aServiceSilentPastTheTimeoutGets504() {
        String key = registerTenant(newTenantId());
        given().header("X-Api-Key", key).get("/api/v1/agents/silent")
                .then().statusCode(504)
                .time(lessThan(4000L))
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("ticket-service did not answer within 1 s."));
        given().header("X-Api-Key", key).get("/api/v1/agents").then().statusCode(200);
    }

    @Test
    @Order(3)
    void repeatedFailuresOpenTheCircuitAndCallersAreAnsweredAtOnce() {
        String key = registerTenant(newTenantId());
        String detail = "";
        for (int attempt = 0; attempt < 5 && !detail.contains("paused"); attempt++) {
            detail = given().header("X-Api-Key", key).get("/api/v1/metrics/nps")
                    .then().statusCode(503).extract().path("detail");
        }
        // Five failures in a row at most (the first test made one): the circuit is open now.
        given().header("X-Api-Key", key).get("/api/v1/metrics/csat")
                .then().statusCode(503)
                .time(lessThan(500L))
                .body("detail", startsWith("metrics-service failed repeatedly; requests to it are paused for"))
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("([1-9]|10)"));
        // Other services keep their own circuits.
        given().header("X-Api-Key", key).get("/api/v1/agents").then().statusCode(200);
    }

    @Test
    @Order(4)
    void healthReportsEachServiceWithoutTakingTheGatewayOutOfService() {
        given().get(health + "/well")
                .then().statusCode(503)
                .body("checks[0].name", equalTo("downstream services"))
                .body("checks[0].data.'metrics-service'", equalTo("DOWN"))
                .body("checks[0].data.'survey-service'", equalTo("UP"))
                .body("checks[0].data.'ticket-service'", equalTo("UP"));
        given().get(health + "/ready").then().statusCode(200);
        given().get(health + "/live").then().statusCode(200);
        // Health answers on the management port only.
        given().get("/q/health/ready").then().statusCode(404);
    }
}
