package io.cxmeter.gateway.identity;

import static io.cxmeter.gateway.Fixtures.newTenantId;
import static io.cxmeter.gateway.Fixtures.registerTenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import io.cxmeter.gateway.routing.InternalTokenAssertions;
import io.cxmeter.testing.TestKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.oidc.server.OidcWiremockTestResource;
import io.smallrye.jwt.build.Jwt;

/** Bearer tokens from a real (WireMock) OIDC provider: discovery, JWKS, claims. */
@QuarkusTest
class OidcCallerTest {

    private static final String ISSUER = "https://server.example.com";
    private static final String AUDIENCE = "https://server.example.com";

    private static String token(Set<String> groups, Map<String, String> claims) {
        return OidcWiremockTestResource.generateJwtToken("alice", groups, "user-123", "Bearer", Set.of(AUDIENCE), claims);
    }

    @Test
    void aTokenOfARegisteredTenantIsForwardedForThatTenant() throws Exception {
        String tenant = newTenantId();
        registerTenant(tenant);

        String authorization = given().auth().oauth2(token(Set.of("write"), Map.of("tenant_id", tenant)))
                .when().get("/api/v1/surveys")
                .then().statusCode(200)
                .body("service", equalTo("survey"))
                .extract().path("headers.authorization");

        JwtClaims claims = InternalTokenAssertions.verify(authorization);
        assertEquals(tenant, claims.getStringClaimValue("tenant"));
        assertEquals(Set.of("write", "read"), Set.copyOf(claims.getStringListClaimValue("groups")));
    }

    @Test
    void aTokenWithoutKnownRolesGetsTheDefaultReadRole() {
        String tenant = newTenantId();
        registerTenant(tenant);
        String token = token(Set.of("employee"), Map.of("tenant_id", tenant));

        given().auth().oauth2(token).get("/api/v1/surveys").then().statusCode(200);
        given().auth().oauth2(token).body("{}").post("/api/v1/surveys").then().statusCode(403);
    }

    @Test
    void aTokenOfAnUnregisteredTenantIsNotFound() {
        given().auth().oauth2(token(Set.of("admin"), Map.of("tenant_id", "never-registered")))
                .when().get("/api/v1/surveys")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("Tenant 'never-registered' is not registered."));
    }

    @Test
    void aTokenWithoutTenantClaimIsForbidden() {
        given().auth().oauth2(token(Set.of("admin"), Map.of()))
                .when().get("/api/v1/surveys")
                .then().statusCode(403)
                .body("detail", equalTo("These credentials are not bound to a tenant."));
    }

    @Test
    void anExpiredTokenIsUnauthorized() {
        long now = Instant.now().getEpochSecond();
        String expired = Jwt.issuer(ISSUER).audience(AUDIENCE).subject("user-123").groups("admin")
                .claim("tenant_id", "whoever").issuedAt(now - 3600).expiresAt(now - 1800)
                .jws().keyId("1").sign("privateKey.jwk");
        expectUnauthorized(expired);
    }

    @Test
    void aTokenFromAnotherIssuerIsUnauthorized() {
        expectUnauthorized(Jwt.issuer("https://evil.example.com").audience(AUDIENCE).subject("user-123")
                .claim("tenant_id", "whoever").expiresIn(300).jws().keyId("1").sign("privateKey.jwk"));
    }

    @Test
    void aTokenForAnotherAudienceIsUnauthorized() {
        expectUnauthorized(Jwt.issuer(ISSUER).audience("https://another-app.example.com").subject("user-123")
                .claim("tenant_id", "whoever").expiresIn(300).jws().keyId("1").sign("privateKey.jwk"));
    }

    @Test
    void aTokenSignedByAnUnknownKeyIsUnauthorized() {
        expectUnauthorized(Jwt.issuer(ISSUER).audience(AUDIENCE).subject("user-123")
                .claim("tenant_id", "whoever").expiresIn(300).jws().keyId("1").sign(TestKeys.STRANGER.getPrivate()));
    }

    private static void expectUnauthorized(String token) {
        given().auth().oauth2(token).get("/api/v1/surveys")
                .then().statusCode(401)
                .contentType(startsWith("application/problem+json"));
    }
}
