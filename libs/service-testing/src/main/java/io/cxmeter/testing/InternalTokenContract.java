package io.cxmeter.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

/**
 * What every service must prove: its tenant API answers only to the gateway's internal token.
 * A service's test extends this, annotated {@code @QuarkusTest}, and names one tenant-scoped GET path.
 */
public abstract class InternalTokenContract {

    protected abstract String tenantScopedPath();

    @Test
    void acceptsTheGatewaysToken() {
        given().auth().oauth2(TestTokens.forTenant("contract-tenant"))
                .when().get(tenantScopedPath())
                .then().statusCode(200);
    }

    @Test
    void rejectsARequestWithoutToken() {
        expectUnauthorized(null);
    }

    @Test
    void rejectsATokenSignedByAnotherKey() {
        expectUnauthorized(TestTokens.signedByStranger("contract-tenant"));
    }

    @Test
    void rejectsAnExpiredToken() {
        expectUnauthorized(TestTokens.expired("contract-tenant"));
    }

    @Test
    void rejectsATokenForAnotherAudience() {
        expectUnauthorized(TestTokens.forAnotherAudience("contract-tenant"));
    }

    @Test
    void rejectsATokenThatNamesNoTenant() {
        expectUnauthorized(TestTokens.withoutTenant());
    }

    @Test
    void rejectsATokenWhoseTenantIsNotText() {
        expectUnauthorized(TestTokens.withNumericTenant());
    }

    private void expectUnauthorized(String token) {
        var request = given();
        if (token != null) {
            request = request.auth().oauth2(token);
        }
        request.when().get(tenantScopedPath())
                .then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(401))
                .body("title", equalTo("Unauthorized"));
    }
}
