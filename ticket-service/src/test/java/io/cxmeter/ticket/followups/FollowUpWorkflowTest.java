package io.cxmeter.ticket.followups;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.cxmeter.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/** The follow-up of a low score worked through the public API, with its ticket in step. */
@QuarkusTest
class FollowUpWorkflowTest {

    private final String tenant = "tenant-" + UUID.randomUUID();

    private RequestSpecification api() {
        return given().auth().oauth2(TestTokens.forTenant(tenant)).contentType(ContentType.JSON);
    }

    private RequestSpecification survey() {
        return given().auth().oauth2(TestTokens.peer(tenant)).contentType(ContentType.JSON);
    }

    private void answer(String responseId, String agentId, String customerId) {
        survey().body("{\"responseId\":\"" + responseId + "\",\"surveyId\":\"S-1\",\"score\":2,\"channel\":\"chat\""
                + (agentId == null ? "" : ",\"agentId\":\"" + agentId + "\"")
                + (customerId == null ? "" : ",\"customerId\":\"" + customerId + "\"") + "}")
                .post("/internal/v1/follow-ups").then().statusCode(201);
    }

    @Test
    void theAnswersAgentOwnsItInTheirTeamDueByTheTenantsRule() {
        api().body("{\"id\":\"tier-1\",\"name\":\"Tier 1\"}").post("/api/v1/teams").then().statusCode(201);
        api().body("{\"id\":\"A-3\",\"name\":\"Ana\",\"team\":\"tier-1\"}").post("/api/v1/agents").then().statusCode(201);
        api().body("{\"dueWithinHours\":48,\"queueTeamId\":\"care\"}").put("/api/v1/follow-up-policy").then().statusCode(200);

        answer("R-1", "A-3", "C-1");
        answer("R-2", null, "C-2");

        String openedAt = api().get("/api/v1/follow-ups/S-1:R-1").then().statusCode(200)
                .body("status", equalTo("open")).body("ownerAgentId", equalTo("A-3")).body("ownerTeamId", equalTo("tier-1"))
                .body("ticketId", equalTo("followup-S-1:R-1")).body("score", equalTo(2.0f)).body("overdue", equalTo(false))
                .body("notes", empty())
                .extract().path("openedAt");
        String dueAt = api().get("/api/v1/follow-ups/S-1:R-1").then().extract().path("dueAt");
        assertEquals(Duration.ofHours(48), Duration.between(Instant.parse(openedAt), Instant.parse(dueAt)));
        api().get("/api/v1/tickets/followup-S-1:R-1").then()
                .body("assignee", equalTo("A-3")).body("team", equalTo("tier-1")).body("status", equalTo("new"));

        // No agent named: the queue team of the rule gets it.
        api().get("/api/v1/follow-ups/S-1:R-2").then().body("ownerAgentId", nullValue()).body("ownerTeamId", equalTo("care"));
    }

    @Test
    void movingTheFollowUpMovesItsTicket() {
        answer("R-1", "A-3", null);

        api().body("{\"status\":\"contacted\"}").patch("/api/v1/follow-ups/S-1:R-1").then().statusCode(200)
                .body("status", equalTo("contacted")).body("contactedAt", notNullValue());
        api().get("/api/v1/tickets/followup-S-1:R-1").then().body("status", equalTo("pending"));

        api().body("{\"status\":\"resolved\"}").patch("/api/v1/follow-ups/S-1:R-1").then().statusCode(200)
                .body("status", equalTo("resolved")).body("resolvedAt", notNullValue());
        api().get("/api/v1/tickets/followup-S-1:R-1").then().body("status", equalTo("resolved"));

        // Not a move of the workflow: 409, and nothing changed.
        api().body("{\"status\":\"contacted\"}").patch("/api/v1/follow-ups/S-1:R-1").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("it can become open"));
        api().get("/api/v1/follow-ups/S-1:R-1").then().body("status", equalTo("resolved"));

        api().body("{\"status\":\"open\"}").patch("/api/v1/follow-ups/S-1:R-1").then().statusCode(200)
                .body("status", equalTo("open")).body("resolvedAt", nullValue());
        api().get("/api/v1/tickets/followup-S-1:R-1").then().body("status", equalTo("open")).body("facts.reopenCount", equalTo(1));
    }

    @Test
    void whatHappensOnTheTicketMovesTheFollowUp() {
        answer("R-1", null, null);
        api().body("{\"agentId\":\"A-7\"}").post("/api/v1/tickets/followup-S-1:R-1/assignment").then().statusCode(200);
        api().get("/api/v1/follow-ups/S-1:R-1").then().body("ownerAgentId", equalTo("A-7")).body("status", equalTo("open"));

        api().body("{\"agentId\":\"A-7\"}").post("/api/v1/tickets/followup-S-1:R-1/replies").then().statusCode(200);
        api().get("/api/v1/follow-ups/S-1:R-1").then().body("status", equalTo("contacted")).body("contactedAt", notNullValue());

        api().body("{\"status\":\"resolved\"}").post("/api/v1/tickets/followup-S-1:R-1/status").then().statusCode(200);
        api().get("/api/v1/follow-ups/S-1:R-1").then().body("status", equalTo("resolved"));

        api().body("{\"status\":\"open\"}").post("/api/v1/tickets/followup-S-1:R-1/status").then().statusCode(200);
        api().get("/api/v1/follow-ups/S-1:R-1").then().body("status", equalTo("open")).body("resolvedAt", nullValue());

        // A closed ticket is final, so its follow-up cannot reopen.
        api().body("{\"status\":\"resolved\"}").patch("/api/v1/follow-ups/S-1:R-1").then().statusCode(200);
        api().body("{\"status\":\"closed\"}").post("/api/v1/tickets/followup-S-1:R-1/status").then().statusCode(200);
        api().body("{\"status\":\"open\"}").patch("/api/v1/follow-ups/S-1:R-1").then().statusCode(409)
                .body("detail", containsString("closed is final"));
        api().get("/api/v1/follow-ups/S-1:R-1").then().body("status", equalTo("resolved"));
    }

    @Test
    void reassignRescheduleAndTakeNotes() {
        answer("R-1", "A-3", null);
        api().body("{\"ownerAgentId\":\"A-9\",\"ownerTeamId\":\"tier-2\",\"dueAt\":\"2026-01-01T00:00:00Z\"}")
                .patch("/api/v1/follow-ups/S-1:R-1").then().statusCode(200)
                .body("ownerAgentId", equalTo("A-9")).body("ownerTeamId", equalTo("tier-2"))
                .body("dueAt", equalTo("2026-01-01T00:00:00Z")).body("overdue", equalTo(true));
        api().get("/api/v1/tickets/followup-S-1:R-1").then().body("assignee", equalTo("A-9")).body("team", equalTo("tier-2"));

        api().body("{\"text\":\"  Called back; a new router is on its way.  \"}").post("/api/v1/follow-ups/S-1:R-1/notes")
                .then().statusCode(201).body("author", equalTo("test-user"))
                .body("text", equalTo("Called back; a new router is on its way."));
        api().body("{\"text\":\"Customer confirmed.\"}").post("/api/v1/follow-ups/S-1:R-1/notes").then().statusCode(201);
        api().get("/api/v1/follow-ups/S-1:R-1").then()
                .body("notes.text", contains("Called back; a new router is on its way.", "Customer confirmed."));

        api().body("{\"text\":\" \"}").post("/api/v1/follow-ups/S-1:R-1/notes").then().statusCode(400)
                .body("errors.field", contains("text"));
        api().body("{\"text\":\"x\"}").post("/api/v1/follow-ups/S-1:R-404/notes").then().statusCode(404);
        api().body("{\"ownerAgentId\":\"not an id\"}").patch("/api/v1/follow-ups/S-1:R-1").then().statusCode(400)
                .body("errors.field", contains("ownerAgentId"));
        api().body("{\"status\":\"done\"}").patch("/api/v1/follow-ups/S-1:R-1").then().statusCode(400);
        // An empty owner clears it.
        api().body("{\"ownerAgentId\":\"\"}").patch("/api/v1/follow-ups/S-1:R-1").then().statusCode(200)
                .body("ownerAgentId", nullValue());
    }

    @Test
    void listingsFilterAndPage() {
        answer("R-1", "A-3", "C-1");
        answer("R-2", "A-4", "C-2");
        answer("R-3", "A-3", "C-3");
        api().body("{\"status\":\"resolved\"}").patch("/api/v1/follow-ups/S-1:R-2").then().statusCode(200);
        api().body("{\"dueAt\":\"2026-01-01T00:00:00Z\"}").patch("/api/v1/follow-ups/S-1:R-3").then().statusCode(200);

        api().get("/api/v1/follow-ups").then().statusCode(200).body("items.responseId", contains("R-3", "R-2", "R-1"))
                .body("items[0].notes", nullValue());
        api().queryParam("status", "open,contacted").get("/api/v1/follow-ups").then().body("items.responseId", contains("R-3", "R-1"));
        api().queryParam("owner", "A-3").get("/api/v1/follow-ups").then().body("items.responseId", contains("R-3", "R-1"));
        api().queryParam("overdue", true).get("/api/v1/follow-ups").then().body("items.responseId", contains("R-3"));
        api().queryParam("overdue", false).get("/api/v1/follow-ups").then().body("items.responseId", contains("R-2", "R-1"));
        api().queryParam("customerId", "C-2").get("/api/v1/follow-ups").then().body("items.responseId", contains("R-2"));
        api().queryParam("responseId", "R-1").queryParam("responseId", "R-2").get("/api/v1/follow-ups").then()
                .body("items.responseId", containsInAnyOrder("R-1", "R-2"));

        String cursor = api().queryParam("limit", 2).get("/api/v1/follow-ups").then()
                .body("items", hasSize(2)).extract().path("nextCursor");
        api().queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/follow-ups").then()
                .body("items.responseId", contains("R-1")).body("nextCursor", nullValue());

        api().queryParam("status", "done").get("/api/v1/follow-ups").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("open, contacted, resolved"));
        api().queryParam("cursor", "nonsense").get("/api/v1/follow-ups").then().statusCode(400);
    }

    @Test
    void openedByHandOnceHoweverOftenAsked() {
        String body = "{\"responseId\":\"R-5\",\"surveyId\":\"S-2\",\"score\":1,\"channel\":\"email\",\"ticketId\":\"T-5\"}";
        api().body(body).post("/api/v1/follow-ups").then().statusCode(201)
                .header("Location", containsString("/api/v1/follow-ups/S-2:R-5"))
                .body("aboutTicketId", equalTo("T-5")).body("status", equalTo("open"));
        api().body(body).post("/api/v1/follow-ups").then().statusCode(200).body("responseId", equalTo("R-5"));
        api().queryParam("tag", "follow-up").get("/api/v1/tickets").then().body("items", hasSize(1));
    }

    @Test
    void onlyAnAdminSetsTheRuleAndBadRulesAreRefused() {
        api().get("/api/v1/follow-up-policy").then().statusCode(200)
                .body("dueWithinHours", equalTo(24)).body("queueTeamId", nullValue());
        given().auth().oauth2(TestTokens.forTenant(tenant, "read", "write")).contentType(ContentType.JSON)
                .body("{\"dueWithinHours\":8}").put("/api/v1/follow-up-policy").then().statusCode(403);
        api().body("{\"dueWithinHours\":0}").put("/api/v1/follow-up-policy").then().statusCode(400)
                .body("errors.field", contains("dueWithinHours"));
        api().get("/api/v1/follow-up-policy").then().body("dueWithinHours", equalTo(24));
    }

    @Test
    void anotherTenantSeesNothing() {
        answer("R-1", "A-3", null);
        String other = "other-" + UUID.randomUUID();
        RequestSpecification stranger = given().auth().oauth2(TestTokens.forTenant(other)).contentType(ContentType.JSON);
        stranger.get("/api/v1/follow-ups/S-1:R-1").then().statusCode(404);
        stranger.get("/api/v1/follow-ups").then().body("items", empty());
        stranger.body("{\"status\":\"resolved\"}").patch("/api/v1/follow-ups/S-1:R-1").then().statusCode(404);
        api().get("/api/v1/follow-ups/S-1:R-1").then().body("status", equalTo("open"));
    }
}
