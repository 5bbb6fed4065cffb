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
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.startsWith;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class ApiKeyResourceTest {

    @Inject
    Pool pool;

    @Inject
    ApiKeyCache cache;

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
        String revokedAt = given().header("X-Api-Key", adminKey).delete("/api/v1/api-keys/" + id)
                .then().statusCode(200).body("revokedAt", notNullValue()).extract().path("revokedAt");

        given().header("X-Api-Key", key).get("/api/v1/agents")
                .then().statusCode(401)
                .contentType(startsWith("application/problem+json"));
        // Revoking again changes nothing: the key keeps the instant it was first revoked.
        given().header("X-Api-Key", adminKey).delete("/api/v1/api-keys/" + id)
                .then().statusCode(200).body("revokedAt", equalTo(revokedAt));
        given().header("X-Api-Key", adminKey).get("/api/v1/api-keys")
                .then().body("find { it.id == '" + id + "' }.revokedAt", equalTo(revokedAt));
    }

    @Test
    void rotatingGivesANewSecretAndTheOldOneStopsAtOnce() {
        String adminKey = registerTenant(newTenantId());
        String key = issueKey(adminKey, "read");
        given().header("X-Api-Key", key).get("/api/v1/agents").then().statusCode(200);
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

    /**
     * A verified key is served from memory (with the database's notices switched off, a revocation
     * written behind the gateway's back goes unnoticed), and forgotten when a notice comes: the one
     * another replica's change, or any write to the keys, sends.
     */
    @Test
    void aVerifiedKeyIsServedFromMemoryUntilTheDatabaseAnnouncesAChange() throws InterruptedException {
        awaitListening();
        String key = issueKey(registerTenant(newTenantId()), "read");
        given().header("X-Api-Key", key).get("/api/v1/agents").then().statusCode(200);

        revokeWithoutNotice(key);
        given().header("X-Api-Key", key).get("/api/v1/agents").then().statusCode(200);

        sql("NOTIFY " + ApiKeyCache.CHANNEL);
        assertEventuallyRefused(key);
    }

    @Test
    void aKeyRevokedByAnotherReplicaStopsWorkingOnTheNoticeOfTheChange() throws InterruptedException {
        awaitListening();
        String key = issueKey(registerTenant(newTenantId()), "read");
        given().header("X-Api-Key", key).get("/api/v1/agents").then().statusCode(200);

        // What another replica's DELETE /api/v1/api-keys/{id} commits: this one only hears of it.
        sql("UPDATE api_key SET revoked_at = now() WHERE prefix = $1", key.split("_")[1]);
        assertEventuallyRefused(key);
    }

    /**
     * While the listening connection is down no notice can arrive, so nothing is answered from memory:
     * a key revoked then without a notice is refused at once; once the gateway listens again, keys
     * are kept in memory again.
     */
    @Test
    void withoutItsListeningConnectionTheGatewayAsksTheDatabaseEveryTime() throws InterruptedException {
        awaitListening();
        String adminKey = registerTenant(newTenantId());
        String key = issueKey(adminKey, "read");
        given().header("X-Api-Key", key).get("/api/v1/agents").then().statusCode(200);

        sql("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1", ApiKeyCache.APPLICATION_NAME);
        for (int i = 0; i < 100 && cache.listening(); i++) {
            Thread.sleep(20);
        }
        assertFalse(cache.listening(), "the lost connection was noticed");
        revokeWithoutNotice(key);
        given().header("X-Api-Key", key).get("/api/v1/agents").then().statusCode(401);

        awaitListening();
        String other = issueKey(adminKey, "read");
        given().header("X-Api-Key", other).get("/api/v1/agents").then().statusCode(200);
        revokeWithoutNotice(other);
        given().header("X-Api-Key", other).get("/api/v1/agents").then().statusCode(200);
        sql("NOTIFY " + ApiKeyCache.CHANNEL);
        assertEventuallyRefused(other);
    }

    private void revokeWithoutNotice(String key) {
        sql("ALTER TABLE api_key DISABLE TRIGGER api_key_changed");
        try {
            sql("UPDATE api_key SET revoked_at = now() WHERE prefix = $1", key.split("_")[1]);
        } finally {
            sql("ALTER TABLE api_key ENABLE TRIGGER api_key_changed");
        }
    }

    /** The notice arrives within milliseconds of the commit; asked again for at most 2 s. */
    private static void assertEventuallyRefused(String key) throws InterruptedException {
        int status = 200;
        for (int i = 0; i < 40 && status != 401; i++) {
            Thread.sleep(50);
            status = given().header("X-Api-Key", key).get("/api/v1/agents").then().extract().statusCode();
        }
        assertEquals(401, status, "refused once the change was announced");
    }

    private void awaitListening() throws InterruptedException {
        for (int i = 0; i < 100 && !cache.listening(); i++) {
            Thread.sleep(50);
        }
        assertTrue(cache.listening(), "the gateway listens for key changes");
    }

    private void sql(String statement, Object... parameters) {
        pool.preparedQuery(statement).execute(Tuple.from(parameters)).await().indefinitely();
    }
}
