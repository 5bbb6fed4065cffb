package io.cxmeter.gateway.routing;

import static io.cxmeter.gateway.Fixtures.PLATFORM_ADMIN_KEY;
import static io.cxmeter.gateway.Fixtures.issueKey;
import static io.cxmeter.gateway.Fixtures.newTenantId;
import static io.cxmeter.gateway.Fixtures.registerTenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class GatewayProxyTest {

    @Test
    void forwardsWithTheInternalTokenInsteadOfTheCallersKey() throws Exception {
        String tenant = newTenantId();
        String key = registerTenant(tenant);

        JsonPath echo = given().header("X-Api-Key", key).queryParam("limit", 5)
                .when().get("/api/v1/agents/A-3")
                .then().statusCode(200)
                .body("service", equalTo("ticket"))
                .body("uri", equalTo("/api/v1/agents/A-3?limit=5"))
                .body("headers", not(hasKey("x-api-key")))
                .extract().jsonPath();

        JwtClaims claims = InternalTokenAssertions.verify(echo.getString("headers.authorization"));
        assertEquals(tenant, claims.getStringClaimValue("tenant"));
        assertEquals("Europe/Vilnius", claims.getStringClaimValue("tz"));
        assertEquals("EUR", claims.getStringClaimValue("currency"));
        assertTrue(claims.getStringListClaimValue("groups").containsAll(List.of("admin", "write", "read")));
        assertTrue(claims.getExpirationTime().getValueInMillis() - System.currentTimeMillis() <= 60_000);
    }

    @Test
    void aCallersTokenIsReusedAndNamesOnlyThatCaller() throws Exception {
        String tenant = newTenantId();
        String other = newTenantId();
        String key = registerTenant(tenant);
        String otherKey = registerTenant(other);
        String first = tokenSeenBy(key);
        String again = tokenSeenBy(key);
        String others = tokenSeenBy(otherKey);
        assertEquals(first, again);
        assertNotEquals(first, others);
        assertEquals(tenant, InternalTokenAssertions.verify(again).getStringClaimValue("tenant"));
        assertEquals(other, InternalTokenAssertions.verify(others).getStringClaimValue("tenant"));
    }

    @Test
    void aTenantsNewTimeZoneTravelsWithTheVeryNextRequest() throws Exception {
        String key = registerTenant(newTenantId());
        assertEquals("Europe/Vilnius", InternalTokenAssertions.verify(tokenSeenBy(key)).getStringClaimValue("tz"));

        given().header("X-Api-Key", key).contentType(ContentType.JSON).body("{\"timeZone\":\"America/New_York\"}")
                .when().patch("/api/v1/tenants/current")
                .then().statusCode(200);

        // The key was verified and kept in memory with the old zone; the change made the gateway forget it.
        assertEquals("America/New_York", InternalTokenAssertions.verify(tokenSeenBy(key)).getStringClaimValue("tz"));
    }

    private static String tokenSeenBy(String key) {
        return given().header("X-Api-Key", key).get("/api/v1/agents").then().statusCode(200).extract().path("headers.authorization");
    }

    @ParameterizedTest(name = "{0} goes to {1}")
    @CsvSource({
        "/api/v1/surveys, survey", "/api/v1/surveys/123/responses, survey",
        "/api/v1/tickets, ticket", "/api/v1/customers/C-1, ticket", "/api/v1/agents, ticket", "/api/v1/teams/t-1, ticket",
        "/api/v1/scorecards, ticket", "/api/v1/reviews, ticket", "/api/v1/follow-ups/R-5, ticket",
        "/api/v1/follow-up-policy, ticket", "/api/v1/webhooks/endpoints, survey",
        "/api/v1/metrics/nps, metrics", "/api/v1/metrics, metrics", "/api/v1/alerts/rules, metrics"})
    void eachPathGoesToTheServiceThatOwnsIt(String path, String service) {
        String key = registerTenant(newTenantId());
        given().header("X-Api-Key", key).get(path).then().statusCode(200).body("service", equalTo(service));
    }

    @Test
    void streamsALargeBodyThroughIntact() {
        String key = registerTenant(newTenantId());
        String line = "{\"id\":\"T-1\",\"channel\":\"email\",\"subject\":\"Router down\"}\n";
        String body = line.repeat(40_000);

        given().header("X-Api-Key", key).contentType("application/x-ndjson").body(body.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/v1/tickets/import")
                .then().statusCode(200)
                .body("method", equalTo("POST"))
                .body("bodyLength", equalTo(body.length()))
                .body("bodyHash", equalTo(Integer.toHexString(body.hashCode())));
    }

    @Test
    void publicPathsNeedNoCredentialsAndPassNoneOn() {
        String key = registerTenant(newTenantId());
        given().header("X-Api-Key", key)
                .when().get("/public/v1/surveys/pk_abc")
                .then().statusCode(200)
                .body("service", equalTo("survey"))
                .body("headers", not(hasKey("authorization")))
                .body("headers", not(hasKey("x-api-key")));
        given().get("/widget/v1/widget.js").then().statusCode(200).body("service", equalTo("survey"));
        given().get("/r/abc").then().statusCode(200).body("service", equalTo("survey"));
    }

    @Test
    void noCredentialsIsUnauthorizedProblem() {
        given().get("/api/v1/agents")
                .then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .body("title", equalTo("Unauthorized"))
                .body("detail", startsWith("Missing or invalid credentials"));
    }

    @Test
    void thePlatformAdminReadsNoTenantsData() {
        given().header("X-Api-Key", PLATFORM_ADMIN_KEY).get("/api/v1/agents")
                .then().statusCode(403)
                .body("detail", equalTo("These credentials are not bound to a tenant."));
    }

    @Test
    void aPathNobodyServesIsNotFoundProblem() {
        String key = registerTenant(newTenantId());
        for (String path : List.of("/api/v1/nothing", "/api/v1/agentsx", "/nowhere")) {
            given().header("X-Api-Key", key).get(path)
                    .then().statusCode(404)
                    .contentType(startsWith("application/problem+json"))
                    .body("detail", equalTo("Nothing exists at " + path + "."));
        }
    }

    @Test
    void aRequestIdIsPassedOnAndReturned() {
        String key = registerTenant(newTenantId());
        given().header("X-Api-Key", key).header("X-Request-Id", "req-42").get("/api/v1/agents")
                .then().header("X-Request-Id", "req-42")
                .body("headers.x-request-id", equalTo("req-42"));
        given().header("X-Api-Key", key).get("/api/v1/agents")
                .then().header("X-Request-Id", not(equalTo(null)));
    }

    @Test
    void securityHeadersAreOnEveryResponse() {
        String key = registerTenant(newTenantId());
        for (var response : List.of(
                given().header("X-Api-Key", key).get("/api/v1/agents"),
                given().header("X-Api-Key", key).get("/api/v1/tenants/current"),
                given().get("/api/v1/surveys"))) {
            response.then()
                    .header("X-Content-Type-Options", "nosniff")
                    .header("X-Frame-Options", "DENY")
                    .header("Referrer-Policy", "no-referrer")
                    .header("Strict-Transport-Security", startsWith("max-age="))
                    .header("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
        }
    }

    @Test
    void forwardedHeadersComeFromTheGatewayNotTheCaller() {
        String key = registerTenant(newTenantId());
        given().header("X-Api-Key", key).header("X-Forwarded-Host", "evil.example").contentType(ContentType.JSON)
                .get("/api/v1/agents")
                .then().body("headers.x-forwarded-host", startsWith("localhost"));
    }
}
