package io.cxmeter.suite;

import static io.restassured.RestAssured.given;

import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** Calls through the running suite's gateway, as a tenant's backend makes them. */
final class SuiteApi {

    private SuiteApi() {
    }

    /** Registers a new tenant with the platform admin key; its admin API key. */
    static String registerTenant(LocalSuite suite) {
        String id = "t-" + UUID.randomUUID().toString().substring(0, 13);
        return given().header("X-Api-Key", suite.platformAdminKey()).contentType(ContentType.JSON)
                .body("{\"id\":\"" + id + "\",\"name\":\"Tenant " + id + "\"}")
                .post("/api/v1/tenants")
                .then().statusCode(201).extract().path("adminKey.key");
    }

    static RequestSpecification as(String apiKey) {
        return given().header("X-Api-Key", apiKey).contentType(ContentType.JSON);
    }
}
