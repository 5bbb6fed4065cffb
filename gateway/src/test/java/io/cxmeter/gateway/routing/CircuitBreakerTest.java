package io.cxmeter.gateway.routing;

import static io.cxmeter.gateway.Fixtures.newTenantId;
import static io.cxmeter.gateway.Fixtures.registerTenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * A service that answers 503 three times in a row opens its circuit for a second: callers get the
 * gateway's 503 at once, a failed trial opens it again, a successful one closes it.
 */
@QuarkusTest
@TestProfile(CircuitBreakerTest.ShortCircuit.class)
class CircuitBreakerTest {

    private static final String PAUSED = "metrics-service failed repeatedly; requests to it are paused for up to 1 s.";

    public static class ShortCircuit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cxmeter.services.breaker-failures", "3", "cxmeter.services.breaker-open-for", "PT1S");
        }
    }

    @Test
    void opensOnRepeatedFailuresAndClosesAfterASuccessfulTrial() throws InterruptedException {
        String key = registerTenant(newTenantId());
        for (int i = 0; i < 3; i++) {
            // The service's own 503 goes back as it was sent.
            given().header("X-Api-Key", key).get("/api/v1/metrics/unavailable")
                    .then().statusCode(503).body("service", equalTo("metrics"));
        }
        given().header("X-Api-Key", key).get("/api/v1/metrics/nps")
                .then().statusCode(503).time(lessThan(500L))
                .header("Retry-After", "1").body("detail", equalTo(PAUSED));
        // Other services keep their own circuits.
        given().header("X-Api-Key", key).get("/api/v1/agents").then().statusCode(200);

        // Once the second has passed, one trial goes through; it fails, and the circuit opens again.
        Response trial = untilNotPaused(key, "/api/v1/metrics/unavailable");
        assertEquals("metrics", trial.path("service"));
        given().header("X-Api-Key", key).get("/api/v1/metrics/nps")
                .then().statusCode(503).body("detail", equalTo(PAUSED));

        // The next trial succeeds and closes it: requests flow again.
        assertEquals(200, untilNotPaused(key, "/api/v1/metrics/nps").statusCode());
        for (int i = 0; i < 3; i++) {
            given().header("X-Api-Key", key).get("/api/v1/metrics/csat").then().statusCode(200);
        }
    }

    /** Asks until the answer is not the open circuit's (within 5 s; it opens for 1 s). */
    private static Response untilNotPaused(String key, String path) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            Response response = given().header("X-Api-Key", key).get(path);
            if (!PAUSED.equals(response.path("detail"))) {
                return response;
            }
            Thread.sleep(50);
        }
        fail("the circuit stayed open for 5 s");
        return null;
    }
}
