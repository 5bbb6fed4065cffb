package io.cxmeter.gateway.apikeys;

import static io.cxmeter.gateway.Fixtures.issueKey;
import static io.cxmeter.gateway.Fixtures.newTenantId;
import static io.cxmeter.gateway.Fixtures.registerTenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class ApiKeyResourceTest {

    @Test
    void anIssuedKeyIsListedByPrefixNeverBySecret() {
        String adminKey = registerTenant(newTenantId());
        String key = issueKey(adminKey, "read");
        String prefix = key.split("_")[1];

        given().header("X-Api-Key", adminKey).get("/api/v1/api-keys")
                .then().statusCode(200)
                .body("prefix", hasItem(prefix))
                .body("", everyItem(not(hasKey("key"))))
                .body("", everyItem(not(hasKey("secretHash"))));
    }

    @Test
    void aReadKeyReadsButCannotWrite() {
        String readKey = issueKey(registerTenant(newTenantId()), "read");

        given().header("X-Api-Key", readKey).get("/api/v1/agents").then().statusCode(200);
        given().header("X-Api-Key", readKey).contentType(ContentType.JSON).body("{}")
                .when().post("/api/v1/agents")
                .then().statusCode(403)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("POST on /api/v1/agents needs the 'write' scope; these credentials have [read]."));
    }

    @Test
    void aRevokedKeyStopsWorkingAtOnce() {
        String adminKey = registerTenant(newTenantId());
        String key = issueKey(adminKey, "write");
        given().header("X-Api-Key", key).get("/api/v1/agents").then().statusCode(200);

        String id = given().header("X-Api-Key", adminKey).get("/api/v1/api-keys")
                .then().extract().path("find { it.prefix == '" + key.split("_")[1] + "' }.id");
        given().header("X-Api-Key", adminKey).delete("/api/v1/api-keys/" + id)
                .then().statusCode(200).body("revokedAt", notNullValue());

        given().header("X-Api-Key", key).get("/api/v1/agents")
                .then().statusCode(401)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void rotatingGivesANewSecretAndTheOldOneStopsAtOnce() {
        String adminKey = registerTenant(newTenantId());
        String key = issueKey(adminKey, "read");
        String id = given().header("X-Api-Key", adminKey).get("/api/v1/api-keys")
                .then().extract().path("find { it.prefix == '" + key.split("_")[1] + "' }.id");

        String rotated = given().header("X-Api-Key", adminKey).post("/api/v1/api-keys/" + id + "/rotate")
                .then().statusCode(200)
                .body("id", equalTo(id))
                .body("scopes", hasItem("read"))
                .extract().path("key");

        given().header("X-Api-Key", key).get("/api/v1/agents").then().statusCode(401);
        given().header("X-Api-Key", rotated).get("/api/v1/agents").then().statusCode(200);

        given().header("X-Api-Key", adminKey).delete("/api/v1/api-keys/" + id).then().statusCode(200);
        given().header("X-Api-Key", adminKey).post("/api/v1/api-keys/" + id + "/rotate").then().statusCode(409);
    }

    @Test
    void theLastUseOfAKeyIsListed() throws InterruptedException {
        String adminKey = registerTenant(newTenantId());
        String key = issueKey(adminKey, "read");
        String prefix = key.split("_")[1];
        given().header("X-Api-Key", adminKey).get("/api/v1/api-keys")
                .then().body("find { it.prefix == '" + prefix + "' }.lastUsedAt", nullValue());

        given().header("X-Api-Key", key).get("/api/v1/agents").then().statusCode(200);

        Object lastUsed = null;
        for (int i = 0; i < 50 && lastUsed == null; i++) {
            Thread.sleep(100);
            lastUsed = given().header("X-Api-Key", adminKey).get("/api/v1/api-keys")
                    .then().extract().path("find { it.prefix == '" + prefix + "' }.lastUsedAt");
        }
        assertNotNull(lastUsed, "the use was recorded");
    }

    @Test
    void aTenantCannotSeeOrRevokeAnotherTenantsKeys() {
        String adminA = registerTenant(newTenantId());
        String adminB = registerTenant(newTenantId());
        String keyOfA = issueKey(adminA, "read");
        String idOfA = given().header("X-Api-Key", adminA).get("/api/v1/api-keys")
                .then().extract().path("find { it.prefix == '" + keyOfA.split("_")[1] + "' }.id");

        given().header("X-Api-Key", adminB).get("/api/v1/api-keys")
                .then().body("prefix", not(hasItem(keyOfA.split("_")[1])));
        given().header("X-Api-Key", adminB).delete("/api/v1/api-keys/" + idOfA).then().statusCode(404);
        given().header("X-Api-Key", keyOfA).get("/api/v1/agents").then().statusCode(200);
    }

    @Test
    void onlyTenantAdminsManageKeys() {
        String writeKey = issueKey(registerTenant(newTenantId()), "write");
        given().header("X-Api-Key", writeKey).get("/api/v1/api-keys").then().statusCode(403);
    }

    @Test
    void anUnknownScopeIsABadRequest() {
        String adminKey = registerTenant(newTenantId());
        given().header("X-Api-Key", adminKey).contentType(ContentType.JSON)
                .body("{\"name\":\"x\",\"scopes\":[\"superuser\"]}")
                .when().post("/api/v1/api-keys")
                .then().statusCode(400)
                .body("errors[0].field", startsWith("scopes"));
    }

    @Test
    void aKeyThatLooksRightButIsNotIssuedIsUnauthorized() {
        given().header("X-Api-Key", "cxm_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
                .get("/api/v1/agents")
                .then().statusCode(401);
    }
}
