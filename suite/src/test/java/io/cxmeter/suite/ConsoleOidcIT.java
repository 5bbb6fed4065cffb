package io.cxmeter.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Signing in to the console through the tenant's identity provider: a real Keycloak with a realm
 * whose public client requires PKCE and whose tokens carry the tenant, the groups (roles) and the
 * API's audience; the gateway trusts it and offers the client to the console. An employee in the
 * {@code write} group signs in on Keycloak's own page and lands back in the console with write
 * actions and without admin settings; no API key is involved.
 */
class ConsoleOidcIT {

    private static final String TENANT = "oidc-co";
    private static final String REALM = "cxmeter";

    private static KeycloakServer keycloak;
    private static LocalSuite suite;
    private static BrowserTools browser;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        browser = BrowserTools.install();
        keycloak = KeycloakServer.start(Path.of(System.getProperty("cxmeter.keycloak.zip", "target/keycloak.zip")),
                browser.build().resolve("keycloak"), realm());

        Path root = Path.of(System.getProperty("cxmeter.repo-root", ".."));
        LocalSuite.Options options = LocalSuite.Options.onFreePorts(root, browser.build().resolve("oidc-it")).unlimited();
        Map<String, String> env = new HashMap<>(options.gatewayEnv());
        env.put("QUARKUS_OIDC_TENANT_ENABLED", "true");
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", keycloak.issuer(REALM));
        env.put("QUARKUS_OIDC_TOKEN_AUDIENCE", "cxmeter-api");
        env.put("CONSOLE_OIDC_CLIENT_ID", "cxmeter-console");
        suite = LocalSuite.start(options.withGatewayEnv(env));
        RestAssured.baseURI = suite.gatewayUrl();
        RestAssured.given().header("X-Api-Key", suite.platformAdminKey()).contentType("application/json")
                .body(new JsonObject().put("id", TENANT).put("name", "OIDC Co").encode()).post("/api/v1/tenants")
                .then().statusCode(201);
    }

    @AfterAll
    static void stop() {
        SuiteApi.stop(suite);
        if (keycloak != null) {
            keycloak.close();
        }
    }

    @Test
    void anEmployeeSignsInThroughTheIdentityProvider() throws IOException, InterruptedException {
        RestAssured.get("/app/config.json").then().statusCode(200)
                .body("oidc.issuer", org.hamcrest.Matchers.equalTo(keycloak.issuer(REALM)))
                .body("oidc.clientId", org.hamcrest.Matchers.equalTo("cxmeter-console"));

        String args = new JsonObject().put("url", suite.gatewayUrl() + "/app/").put("username", "ana")
                .put("password", "ana-password").put("artifacts", browser.artifacts().toString()).encode();
        JsonObject seen = new JsonObject(Processes.lastLine(browser.node("console-oidc.mjs", args,
                browser.build().resolve("console-oidc.log"), 5)));

        assertEquals(List.of(), seen.getJsonArray("consoleErrors").getList());
        assertEquals("#/surveys", seen.getString("landedOn"), "back where the sign-in started");
        assertFalse(seen.getBoolean("addressHasCode"), "the authorization code is left in the address");
        assertEquals("OIDC Co · write", seen.getString("who"));
        assertFalse(seen.getBoolean("settingsLink"), "a write user is offered admin settings");
        assertEquals(1, seen.getInteger("createForm"), "a write user can create surveys");
        assertNull(seen.getString("storedKey"));
        assertTrue(seen.getInteger("tiles") >= 20);
    }

    /** A realm with one public client (PKCE required) and one employee of the tenant in the write group. */
    private static JsonObject realm() {
        JsonObject client = new JsonObject().put("clientId", "cxmeter-console").put("publicClient", true)
                .put("standardFlowEnabled", true).put("directAccessGrantsEnabled", false)
                .put("redirectUris", new JsonArray().add("http://localhost:*")).put("webOrigins", new JsonArray().add("*"))
                .put("attributes", new JsonObject().put("pkce.code.challenge.method", "S256"))
                .put("protocolMappers", new JsonArray()
                        .add(mapper("tenant", "oidc-hardcoded-claim-mapper", Map.of("claim.name", "tenant_id",
                                "claim.value", TENANT, "jsonType.label", "String")))
                        .add(mapper("groups", "oidc-group-membership-mapper", Map.of("claim.name", "groups",
                                "full.path", "false")))
                        .add(mapper("audience", "oidc-audience-mapper", Map.of("included.custom.audience", "cxmeter-api"))));
        JsonObject user = new JsonObject().put("username", "ana").put("enabled", true).put("email", "ana@example.org")
                .put("emailVerified", true).put("firstName", "Ana").put("lastName", "Example")
                .put("credentials", new JsonArray().add(new JsonObject().put("type", "password")
                        .put("value", "ana-password").put("temporary", false)))
                .put("groups", new JsonArray().add("/write"));
        return new JsonObject().put("realm", REALM).put("enabled", true)
                .put("groups", new JsonArray().add(new JsonObject().put("name", "write")))
                .put("users", new JsonArray().add(user))
                .put("clients", new JsonArray().add(client));
    }

    private static JsonObject mapper(String name, String type, Map<String, String> config) {
        JsonObject settings = new JsonObject().put("access.token.claim", "true").put("id.token.claim", "false")
                .put("userinfo.token.claim", "false");
        config.forEach(settings::put);
        return new JsonObject().put("name", name).put("protocol", "openid-connect").put("protocolMapper", type)
                .put("config", settings);
    }
}
