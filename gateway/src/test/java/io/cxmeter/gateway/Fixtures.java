package io.cxmeter.gateway;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;

/** Registers tenants the way an operator does, through the API. */
public final class Fixtures {

    public static final String PLATFORM_ADMIN_KEY = "test-platform-admin-key";

    private Fixtures() {
    }

    /** A unique tenant id for one test. */
    public static String newTenantId() {
        return "t-" + UUID.randomUUID().toString().substring(0, 13);
    }

    /** Registers the tenant and returns its initial admin API key. */
    public static String registerTenant(String tenantId) {
        return given().header("X-Api-Key", PLATFORM_ADMIN_KEY).contentType(ContentType.JSON)
                .body("{\"id\":\"" + tenantId + "\",\"name\":\"Tenant " + tenantId
                        + "\",\"timeZone\":\"Europe/Vilnius\",\"currency\":\"EUR\"}")
                .post("/api/v1/tenants")
                .then().statusCode(201)
                .extract().path("adminKey.key");
    }

    /** Issues a key with the given scopes, using the tenant's admin key. */
    public static String issueKey(String adminKey, String... scopes) {
        String list = String.join("\",\"", scopes);
        return given().header("X-Api-Key", adminKey).contentType(ContentType.JSON)
                .body("{\"name\":\"test key\",\"scopes\":[\"" + list + "\"]}")
                .post("/api/v1/api-keys")
                .then().statusCode(201)
                .extract().path("key");
    }
}
