package io.cxmeter.ticket.agents;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.cxmeter.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class AgentResourceTest {

    private final String tenantA = "tenant-a-" + UUID.randomUUID();
    private final String tenantB = "tenant-b-" + UUID.randomUUID();

    private static RequestSpecification as(String tenant) {
        return given().auth().oauth2(TestTokens.forTenant(tenant)).contentType(ContentType.JSON);
    }

    @Test
    void createdAgentCanBeReadBack() {
        as(tenantA).body("{\"id\":\"A-3\",\"name\":\"Rūta K.\",\"team\":\"tier-1\"}")
                .when().post("/api/v1/agents")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/agents/A-3"))
                .body("id", equalTo("A-3"))
                .body("active", equalTo(true));

        as(tenantA).when().get("/api/v1/agents/A-3")
                .then().statusCode(200)
                .body("name", equalTo("Rūta K."))
                .body("team", equalTo("tier-1"));
    }

    @Test
    void tenantCannotSeeAnotherTenantsAgents() {
        as(tenantA).body("{\"id\":\"A-1\",\"name\":\"Only A's\"}").post("/api/v1/agents").then().statusCode(201);

        as(tenantB).when().get("/api/v1/agents/A-1")
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("No agent 'A-1'."));
        as(tenantB).when().get("/api/v1/agents").then().statusCode(200).body("items", empty());

        // The same id is free for another tenant: ids are the tenant's own.
        as(tenantB).body("{\"id\":\"A-1\",\"name\":\"B's own\"}").post("/api/v1/agents").then().statusCode(201);
        as(tenantA).get("/api/v1/agents/A-1").then().body("name", equalTo("Only A's"));
    }

    @Test
    void duplicateIdIsAConflictAndChangesNothing() {
        as(tenantA).body("{\"id\":\"A-7\",\"name\":\"First\"}").post("/api/v1/agents").then().statusCode(201);

        as(tenantA).body("{\"id\":\"A-7\",\"name\":\"Second\"}")
                .when().post("/api/v1/agents")
                .then().statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(409))
                .body("detail", equalTo("Agent 'A-7' exists already."));

        as(tenantA).get("/api/v1/agents/A-7").then().body("name", equalTo("First"));
    }

    @Test
    void invalidFieldsAreListedAndNothingIsStored() {
        as(tenantA).body("{\"id\":\"has space\",\"name\":\"\"}")
                .when().post("/api/v1/agents")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", containsInAnyOrder("id", "name"));

        as(tenantA).get("/api/v1/agents").then().body("items", empty());
    }

    @Test
    void malformedJsonIsABadRequest() {
        as(tenantA).body("{\"id\":")
                .when().post("/api/v1/agents")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"));
    }

    @Test
    void listingPagesThroughAgentsInIdOrder() {
        for (String id : new String[] {"A-2", "A-1", "A-3"}) {
            as(tenantA).body("{\"id\":\"" + id + "\",\"name\":\"Agent " + id + "\"}").post("/api/v1/agents")
                    .then().statusCode(201);
        }
        String next = as(tenantA).queryParam("limit", 2).get("/api/v1/agents")
                .then().statusCode(200)
                .body("items.id", contains("A-1", "A-2"))
                .extract().path("nextCursor");

        as(tenantA).queryParam("limit", 2).queryParam("after", next).get("/api/v1/agents")
                .then().body("items.id", contains("A-3"))
                .body("nextCursor", nullValue());
    }

    @Test
    void anAgentCanBeRenamedMovedAndDeactivated() {
        as(tenantA).body("{\"id\":\"A-8\",\"name\":\"Jonas\",\"team\":\"tier-1\"}").post("/api/v1/agents").then().statusCode(201);

        as(tenantA).body("{\"team\":\"tier-2\",\"active\":false}").patch("/api/v1/agents/A-8")
                .then().statusCode(200)
                .body("name", equalTo("Jonas")).body("team", equalTo("tier-2")).body("active", equalTo(false));
        as(tenantA).get("/api/v1/agents/A-8").then().body("active", equalTo(false));
        as(tenantB).body("{\"active\":true}").patch("/api/v1/agents/A-8").then().statusCode(404);
        as(tenantA).body("{\"name\":\"\"}").patch("/api/v1/agents/A-8").then().statusCode(400);
        as(tenantA).body("{\"name\":\" \\t \"}").patch("/api/v1/agents/A-8").then().statusCode(400)
                .body("errors.field", contains("name"));
        as(tenantA).body("{\"name\":\" Jonas P. \"}").patch("/api/v1/agents/A-8").then().statusCode(200)
                .body("name", equalTo("Jonas P.")).body("team", equalTo("tier-2")).body("active", equalTo(false));
        // An empty team takes the agent out of its team.
        as(tenantA).body("{\"team\":\"\"}").patch("/api/v1/agents/A-8").then().statusCode(200)
                .body("team", nullValue()).body("name", equalTo("Jonas P."));
        as(tenantA).get("/api/v1/agents/A-8").then().body("team", nullValue());
    }

    @Test
    void limitOutOfRangeIsABadRequest() {
        as(tenantA).queryParam("limit", 0).get("/api/v1/agents")
                .then().statusCode(400)
                .body("errors[0].field", equalTo("limit"));
    }
}
