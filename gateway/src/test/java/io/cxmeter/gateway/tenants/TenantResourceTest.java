package io.cxmeter.gateway.tenants;

import static io.cxmeter.gateway.Fixtures.PLATFORM_ADMIN_KEY;
import static io.cxmeter.gateway.Fixtures.issueKey;
import static io.cxmeter.gateway.Fixtures.newTenantId;
import static io.cxmeter.gateway.Fixtures.registerTenant;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

@QuarkusTest
class TenantResourceTest {

    @Test
    void platformAdminRegistersATenantAndGetsItsFirstAdminKey() {
        String id = newTenantId();
        given().header("X-Api-Key", PLATFORM_ADMIN_KEY).contentType(ContentType.JSON)
                .body("{\"id\":\"" + id + "\",\"name\":\"Acme\"}")
                .when().post("/api/v1/tenants")
                .then().statusCode(201)
                .body("tenant.id", equalTo(id))
                .body("tenant.timeZone", equalTo("UTC"))
                .body("adminKey.key", startsWith("cxm_"))
                .body("adminKey.scopes", containsInAnyOrder("admin"));
    }

    @Test
    void registrationWithoutCredentialsIsUnauthorized() {
        given().contentType(ContentType.JSON).body("{\"id\":\"nobody\",\"name\":\"x\"}")
                .when().post("/api/v1/tenants")
                .then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(401));
    }

    @Test
    void aWrongAdminKeyIsUnauthorized() {
        given().header("X-Api-Key", "not-the-admin-key").contentType(ContentType.JSON)
                .body("{\"id\":\"nobody\",\"name\":\"x\"}")
                .when().post("/api/v1/tenants")
                .then().statusCode(401)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void aTenantAdminCannotRegisterTenants() {
        String adminKey = registerTenant(newTenantId());
        given().header("X-Api-Key", adminKey).contentType(ContentType.JSON)
                .body("{\"id\":\"" + newTenantId() + "\",\"name\":\"x\"}")
                .when().post("/api/v1/tenants")
                .then().statusCode(403)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void aTakenIdIsAConflict() {
        String id = newTenantId();
        registerTenant(id);
        given().header("X-Api-Key", PLATFORM_ADMIN_KEY).contentType(ContentType.JSON)
                .body("{\"id\":\"" + id + "\",\"name\":\"again\"}")
                .when().post("/api/v1/tenants")
                .then().statusCode(409)
                .body("detail", equalTo("Tenant '" + id + "' exists already."));
    }

    @Test
    void invalidFieldsAreListedAndNothingIsRegistered() {
        given().header("X-Api-Key", PLATFORM_ADMIN_KEY).contentType(ContentType.JSON)
                .body("{\"id\":\"Not Valid\",\"name\":\"x\",\"timeZone\":\"Mars/Olympus\",\"currency\":\"EURO\"}")
                .when().post("/api/v1/tenants")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", containsInAnyOrder("id", "timeZone", "currency"));
    }

    @Test
    void theTenantAdminChangesSettingsAndReadersSeeThem() {
        String adminKey = registerTenant(newTenantId());
        String readKey = issueKey(adminKey, "read");

        given().header("X-Api-Key", adminKey).contentType(ContentType.JSON)
                .body("{\"timeZone\":\"America/New_York\",\"currency\":\"USD\"}")
                .when().patch("/api/v1/tenants/current")
                .then().statusCode(200)
                .body("timeZone", equalTo("America/New_York"));

        given().header("X-Api-Key", readKey).get("/api/v1/tenants/current")
                .then().statusCode(200)
                .body("timeZone", equalTo("America/New_York"))
                .body("currency", equalTo("USD"));

        given().header("X-Api-Key", readKey).contentType(ContentType.JSON).body("{\"currency\":\"GBP\"}")
                .when().patch("/api/v1/tenants/current")
                .then().statusCode(403);
        given().header("X-Api-Key", readKey).get("/api/v1/tenants/current").then().body("currency", equalTo("USD"));
    }

    @Test
    void aBlankNameIsRefusedAndChangesNothing() {
        String adminKey = registerTenant(newTenantId());
        String name = given().header("X-Api-Key", adminKey).get("/api/v1/tenants/current").then().extract().path("name");

        for (String blank : new String[] {"\"\"", "\"   \"", "\"\\t\""}) {
            given().header("X-Api-Key", adminKey).contentType(ContentType.JSON)
                    .body("{\"name\":" + blank + ",\"currency\":\"GBP\"}")
                    .when().patch("/api/v1/tenants/current")
                    .then().statusCode(400)
                    .body("errors.field", hasItem("name"));
        }
        given().header("X-Api-Key", adminKey).get("/api/v1/tenants/current").then()
                .body("name", equalTo(name))
                .body("currency", equalTo("EUR"));

        given().header("X-Api-Key", adminKey).contentType(ContentType.JSON).body("{\"name\":\"  Renamed Ltd \"}")
                .when().patch("/api/v1/tenants/current")
                .then().statusCode(200)
                .body("name", equalTo("Renamed Ltd"));
    }
}
