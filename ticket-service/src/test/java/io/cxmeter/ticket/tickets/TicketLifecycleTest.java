package io.cxmeter.ticket.tickets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.cxmeter.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class TicketLifecycleTest {

    private final String tenant = "tenant-" + UUID.randomUUID();

    private RequestSpecification api() {
        return given().auth().oauth2(TestTokens.forTenant(tenant)).contentType(ContentType.JSON);
    }

    private void open(String id, String channel) {
        open(id, channel, 0);
    }

    private void open(String id, String channel, int minute) {
        api().body("{\"id\":\"" + id + "\",\"channel\":\"" + channel + "\",\"subject\":\"Help\",\"tags\":[\"vip\"],"
                + "\"createdAt\":\"2026-02-03T08:0" + minute + ":00Z\"}")
                .post("/api/v1/tickets").then().statusCode(201);
    }

    private io.restassured.response.ValidatableResponse status(String id, String status, String at) {
        return api().body("{\"status\":\"" + status + "\",\"at\":\"" + at + "\"}").post("/api/v1/tickets/" + id + "/status").then();
    }

    @Test
    void aLiveTicketIsDrivenThroughItsLifeIncludingAReopen() {
        api().body("{\"id\":\"L-1\",\"channel\":\"chat\",\"subject\":\"Login fails\",\"createdAt\":\"2026-02-03T08:00:00Z\"}")
                .post("/api/v1/tickets")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/tickets/L-1"))
                .body("status", equalTo("new"))
                .body("priority", equalTo("normal"));

        api().body("{\"agentId\":\"A-1\",\"at\":\"2026-02-03T08:01:00Z\"}").post("/api/v1/tickets/L-1/assignment")
                .then().statusCode(200).body("assignee", equalTo("A-1"));
        status("L-1", "open", "2026-02-03T08:01:00Z").statusCode(200).body("status", equalTo("open"));
        api().body("{\"agentId\":\"A-1\",\"at\":\"2026-02-03T08:03:00Z\"}").post("/api/v1/tickets/L-1/replies")
                .then().statusCode(200).body("facts.firstReplyAt", equalTo("2026-02-03T08:03:00Z"));
        status("L-1", "resolved", "2026-02-03T08:10:00Z").statusCode(200).body("facts.resolvedAt", equalTo("2026-02-03T08:10:00Z"));
        status("L-1", "open", "2026-02-03T09:00:00Z").statusCode(200)
                .body("facts.reopenCount", equalTo(1)).body("facts.resolvedAt", nullValue());
        status("L-1", "resolved", "2026-02-03T09:30:00Z").statusCode(200);
        status("L-1", "closed", "2026-02-03T10:00:00Z").statusCode(200)
                .body("status", equalTo("closed"))
                .body("facts.resolvedAt", equalTo("2026-02-03T09:30:00Z"));

        api().get("/api/v1/tickets/L-1").then()
                .body("events.type", contains("assigned", "status", "agent_reply", "status", "status", "status", "status"))
                .body("events.status", contains(null, "open", null, "resolved", "open", "resolved", "closed"));
    }

    @Test
    void anImpossibleMoveIs409AndChangesNothing() {
        open("L-2", "email");
        status("L-2", "closed", "2026-02-03T08:05:00Z")
                .statusCode(409)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("A ticket in status new cannot move to closed; it can move to open, pending, on_hold, resolved."));
        api().get("/api/v1/tickets/L-2").then().body("status", equalTo("new")).body("events", hasSize(0));

        status("L-2", "resolved", "2026-02-03T08:06:00Z").statusCode(200);
        status("L-2", "closed", "2026-02-03T08:07:00Z").statusCode(200);
        status("L-2", "open", "2026-02-03T08:08:00Z").statusCode(409).body("detail", containsString("closed is final"));
        api().get("/api/v1/tickets/L-2").then().body("status", equalTo("closed")).body("events", hasSize(2));
    }

    @Test
    void eventsThatDoNotFitTheTicketAre422() {
        open("L-3", "call");
        api().body("{\"type\":\"queued\",\"at\":\"2026-02-03T07:00:00Z\"}").post("/api/v1/tickets/L-3/events")
                .then().statusCode(422).body("detail", containsString("before the ticket's createdAt"));
        api().body("{\"type\":\"answered\",\"at\":\"2026-02-03T08:00:30Z\"}").post("/api/v1/tickets/L-3/events")
                .then().statusCode(422).body("detail", containsString("answered event needs agentId"));
        api().body("{\"type\":\"queued\",\"at\":\"2099-01-01T00:00:00Z\"}").post("/api/v1/tickets/L-3/events")
                .then().statusCode(422).body("errors[0].field", equalTo("at"));
        api().body("{\"type\":\"handled\",\"at\":\"2026-02-03T08:09:00Z\",\"talkSeconds\":-5,\"holdSeconds\":0,\"wrapUpSeconds\":0}")
                .post("/api/v1/tickets/L-3/events")
                .then().statusCode(400).body("errors[0].field", equalTo("talkSeconds"));
        api().body("{\"type\":\"ringing\"}").post("/api/v1/tickets/L-3/events")
                .then().statusCode(400).body("errors[0].field", equalTo("type"));
        api().get("/api/v1/tickets/L-3").then().body("events", hasSize(0));

        api().body("{\"type\":\"queued\",\"at\":\"2026-02-03T08:00:00Z\"}").post("/api/v1/tickets/L-3/events")
                .then().statusCode(200).body("facts.queuedAt", equalTo("2026-02-03T08:00:00Z"));
        api().body("{\"type\":\"answered\",\"agentId\":\"A-5\"}").post("/api/v1/tickets/L-3/events")
                .then().statusCode(200).body("facts.answeredAt", notNullValue()).body("facts.answeredBy", equalTo("A-5"));
    }

    @Test
    void aTakenIdIsAConflict() {
        open("L-4", "chat");
        api().body("{\"id\":\"L-4\",\"channel\":\"email\"}").post("/api/v1/tickets")
                .then().statusCode(409).body("detail", equalTo("Ticket 'L-4' exists already."));
        api().get("/api/v1/tickets/L-4").then().body("channel", equalTo("chat"));
    }

    @Test
    void listingsFilterAndPage() {
        open("F-1", "chat", 1);
        open("F-2", "email", 2);
        open("F-3", "chat", 3);
        api().body("{\"agentId\":\"A-9\",\"at\":\"2026-02-03T08:30:00Z\"}").post("/api/v1/tickets/F-3/assignment").then().statusCode(200);

        api().queryParam("channel", "chat").get("/api/v1/tickets")
                .then().statusCode(200).body("items.id", contains("F-3", "F-1")).body("items[0].events", nullValue());
        api().queryParam("agent", "A-9").get("/api/v1/tickets").then().body("items.id", contains("F-3"));
        api().queryParam("tag", "vip").queryParam("status", "new").get("/api/v1/tickets").then().body("items", hasSize(3));
        api().queryParam("createdFrom", "2026-02-04T00:00:00Z").get("/api/v1/tickets").then().body("items", hasSize(0));

        String cursor = api().queryParam("limit", 2).get("/api/v1/tickets").then().body("items", hasSize(2))
                .extract().path("nextCursor");
        api().queryParam("limit", 2).queryParam("cursor", cursor).get("/api/v1/tickets")
                .then().body("items", hasSize(1)).body("nextCursor", nullValue());

        api().queryParam("status", "sleeping").get("/api/v1/tickets")
                .then().statusCode(400).body("detail", startsWith("status 'sleeping' is not one of"));
    }
}
