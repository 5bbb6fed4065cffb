package io.cxmeter.gateway.protection;

import static io.cxmeter.gateway.Fixtures.newTenantId;
import static io.cxmeter.gateway.Fixtures.registerTenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** The test configuration allows one dashboard origin: https://dashboard.example. */
@QuarkusTest
class CorsTest {

    private static final String DASHBOARD = "https://dashboard.example";

    @Test
    void theDashboardMayCallTheApi() {
        given().header("Origin", DASHBOARD).header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "x-api-key, content-type")
                .options("/api/v1/tickets/import")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", DASHBOARD)
                .header("Access-Control-Allow-Headers", containsString("X-Api-Key"))
                .header("Vary", containsString("Origin"));
        String key = registerTenant(newTenantId());
        given().header("Origin", DASHBOARD).header("X-Api-Key", key).get("/api/v1/agents")
                .then().statusCode(200)
                .header("Access-Control-Allow-Origin", DASHBOARD)
                .header("Access-Control-Expose-Headers", containsString("RateLimit-Remaining"));
    }

    @Test
    void hostileOriginsGetNoCorsOnTheApi() {
        for (String hostile : new String[] {"https://evil.example", "null", "https://dashboard.example.evil.example"}) {
            given().header("Origin", hostile).header("Access-Control-Request-Method", "DELETE")
                    .options("/api/v1/api-keys/x")
                    .then().statusCode(403)
                    .contentType(startsWith("application/problem+json"))
                    .header("Access-Control-Allow-Origin", nullValue());
            given().header("Origin", hostile).get("/api/v1/agents")
                    .then().statusCode(401)
                    .header("Access-Control-Allow-Origin", nullValue());
        }
    }

    @Test
    void publicPathsAreLeftToTheSurvey() {
        // The stand-in for survey-service grants nothing: the gateway must not either, even to the dashboard.
        for (String origin : new String[] {DASHBOARD, "https://shop.example"}) {
            given().header("Origin", origin).get("/public/v1/surveys/pk_x")
                    .then().statusCode(200)
                    .header("Access-Control-Allow-Origin", nullValue());
            given().header("Origin", origin).header("Access-Control-Request-Method", "POST")
                    .options("/public/v1/surveys/pk_x/responses")
                    .then().header("Access-Control-Allow-Origin", nullValue());
        }
    }
}
