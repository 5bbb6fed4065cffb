package io.cxmeter.gateway.protection;

import static io.cxmeter.gateway.Fixtures.newTenantId;
import static io.cxmeter.gateway.Fixtures.registerTenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cxmeter.gateway.EmbeddedRedis;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The gateway with its buckets in Redis: the decision arrives asynchronously, and request bodies
 * (proxied and the gateway's own endpoints') must arrive whole all the same.
 */
@QuarkusTest
@TestProfile(RedisRateLimitTest.InRedis.class)
@QuarkusTestResource(value = EmbeddedRedis.Resource.class, restrictToAnnotatedClass = true)
class RedisRateLimitTest {

    public static class InRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cxmeter.rate-limits.api.capacity", "5");
        }
    }

    @Test
    void bodiesArriveWholeAndTheBucketStillCounts() {
        String admin = registerTenant(newTenantId());
        String body = "x".repeat(3_000_000);
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        given().header("X-Api-Key", admin).contentType("application/x-ndjson").body(bytes)
                .post("/api/v1/tickets/import")
                .then().statusCode(200)
                .header("RateLimit-Remaining", "4")
                .body("bodyLength", equalTo(body.length()))
                .body("bodyHash", equalTo(Integer.toHexString(body.hashCode())));
        given().header("X-Api-Key", admin).contentType("application/json")
                .body("{\"name\":\"ci\",\"scopes\":[\"read\"]}")
                .post("/api/v1/api-keys").then().statusCode(201).header("RateLimit-Remaining", "3");
        for (int i = 0; i < 3; i++) {
            given().header("X-Api-Key", admin).get("/api/v1/agents").then().statusCode(200);
        }
        given().header("X-Api-Key", admin).get("/api/v1/agents").then().statusCode(429);
    }
}
