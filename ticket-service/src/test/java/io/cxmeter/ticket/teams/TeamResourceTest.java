package io.cxmeter.ticket.teams;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.cxmeter.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class TeamResourceTest {

    private final String tenant = "tenant-" + UUID.randomUUID();

    private RequestSpecification as(String tenant) {
        return given().auth().oauth2(TestTokens.forTenant(tenant)).contentType(ContentType.JSON);
    }

    @Test
    void teamsAreCreatedRenamedDeactivatedAndListed() {
        as(tenant).body("{\"id\":\"tier-2\",\"name\":\"Second line\"}").post("/api/v1/teams").then().statusCode(201);
        as(tenant).body("{\"id\":\"tier-1\",\"name\":\"First line\"}").post("/api/v1/teams").then().statusCode(201)
                .body("active", equalTo(true));

        as(tenant).body("{\"name\":\"Frontline\",\"active\":false}").patch("/api/v1/teams/tier-1")
                .then().statusCode(200).body("name", equalTo("Frontline")).body("active", equalTo(false));
        as(tenant).get("/api/v1/teams").then().body("id", contains("tier-1", "tier-2"));
        as(tenant).get("/api/v1/teams/tier-1").then().body("active", equalTo(false));

        // A blank name is refused, not stored stripped to nothing; the rest of the change is not made either.
        as(tenant).body("{\"name\":\"   \",\"active\":true}").patch("/api/v1/teams/tier-1")
                .then().statusCode(400).body("errors.field", contains("name"));
        as(tenant).get("/api/v1/teams/tier-1").then().body("name", equalTo("Frontline")).body("active", equalTo(false));
    }

    @Test
    void aTakenIdIsAConflictAndBadFieldsAreListed() {
        as(tenant).body("{\"id\":\"vip\",\"name\":\"VIP\"}").post("/api/v1/teams").then().statusCode(201);
        as(tenant).body("{\"id\":\"vip\",\"name\":\"Other\"}").post("/api/v1/teams").then().statusCode(409);
        as(tenant).body("{\"id\":\"with space\"}").post("/api/v1/teams").then().statusCode(400)
                .body("errors.field", contains("id", "name"));
        as(tenant).get("/api/v1/teams/vip").then().body("name", equalTo("VIP"));
    }

    @Test
    void teamsAreTenantScoped() {
        as(tenant).body("{\"id\":\"ops\",\"name\":\"Ops\"}").post("/api/v1/teams").then().statusCode(201);
        String other = "other-" + UUID.randomUUID();
        as(other).get("/api/v1/teams/ops").then().statusCode(404);
        as(other).get("/api/v1/teams").then().body("", empty());
        as(other).body("{\"active\":false}").patch("/api/v1/teams/ops").then().statusCode(404);
    }
}
