package io.cxmeter.gateway.routing;

import static io.cxmeter.gateway.Fixtures.newTenantId;
import static io.cxmeter.gateway.Fixtures.registerTenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.startsWith;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** metrics-service is down (nothing listens where the gateway expects it); the others are up. */
@QuarkusTest
@TestProfile(ServiceOutageTest.MetricsDown.class)
class ServiceOutageTest {

    public static class MetricsDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            try (ServerSocket socket = new ServerSocket(0)) {
                // The port was free a moment ago and nothing will listen on it.
                return Map.of("cxmeter.services.metrics", "http://127.0.0.1:" + socket.getLocalPort());
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Test
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
}
