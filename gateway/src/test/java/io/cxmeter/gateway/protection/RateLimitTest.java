package io.cxmeter.gateway.protection;

import static io.cxmeter.gateway.Fixtures.newTenantId;
import static io.cxmeter.gateway.Fixtures.registerTenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cxmeter.gateway.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** Small buckets: 3 requests per API key, 2 per client IP and survey on the public paths. */
@QuarkusTest
@TestProfile(RateLimitTest.SmallBuckets.class)
class RateLimitTest {

    public static class SmallBuckets implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cxmeter.rate-limits.api.capacity", "3", "cxmeter.rate-limits.public.capacity", "2",
                    // Registering tenants and issuing keys with the platform key must not run dry either.
                    "cxmeter.rate-limits.api.period", "PT1H", "cxmeter.rate-limits.public.period", "PT1H");
        }
    }

    @Test
    void aKeyPastItsBucketGets429WithRetryAfter() {
        String admin = registerTenant(newTenantId());
        String key = Fixtures.issueKey(admin, "read");
        for (int remaining = 2; remaining >= 0; remaining--) {
            given().header("X-Api-Key", key).get("/api/v1/agents")
                    .then().statusCode(200)
                    .header("RateLimit-Limit", "3")
                    .header("RateLimit-Remaining", Integer.toString(remaining));
        }
        given().header("X-Api-Key", key).get("/api/v1/agents")
                .then().statusCode(429)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(429))
                .header("Retry-After", org.hamcrest.Matchers.matchesPattern("[1-9][0-9]*"))
                .header("RateLimit-Remaining", "0");
        // Another key of the same tenant has its own bucket.
        given().header("X-Api-Key", Fixtures.issueKey(admin, "read")).get("/api/v1/agents").then().statusCode(200);
    }

    @Test
    void publicPathsAreLimitedPerClientAndSurvey() {
        for (int i = 0; i < 2; i++) {
            given().get("/public/v1/surveys/pk_one").then().statusCode(200);
        }
        given().get("/public/v1/surveys/pk_one/responses").then().statusCode(429).header("Retry-After", org.hamcrest.Matchers.notNullValue());
        given().get("/public/v1/surveys/pk_two").then().statusCode(200);
        given().get("/r/token-1/9").then().statusCode(200);
    }
}
