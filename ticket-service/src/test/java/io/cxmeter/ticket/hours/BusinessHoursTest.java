package io.cxmeter.ticket.hours;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.cxmeter.internalauth.InternalCaller;
import io.cxmeter.testing.TestTokens;
import io.cxmeter.ticket.tickets.SentTickets;
import io.cxmeter.ticket.tickets.TicketResend;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Business hours through the API: stored normalized, checked field by field, per team with the
 * default as fallback; each ticket carries the calendar it is measured with, and a change sends every
 * ticket again with the calendar now in force.
 */
@QuarkusTest
class BusinessHoursTest {

    private static final String OFFICE = """
            {"schedule":{"friday":[{"start":"13:00","end":"17:00"},{"start":"09:00","end":"12:00"}],
             "monday":[{"start":"09:00","end":"17:00"}]},"holidays":["2026-12-25","2026-12-24","2026-12-25"]}""";

    @Inject
    Pool pool;

    @Inject
    TicketResend resend;

    private final String tenant = "tenant-" + UUID.randomUUID();

    private RequestSpecification as(String... roles) {
        String token = roles.length == 0 ? TestTokens.forTenantInZone(tenant, "Europe/Vilnius") : TestTokens.forTenant(tenant, roles);
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    @Test
    void theDefaultIsStoredNormalizedInTheTenantsZone() {
        // Until set: open around the clock in the tenant's zone.
        as().get("/api/v1/business-hours").then().statusCode(200).body("updatedAt", nullValue())
                .body("timeZone", equalTo("Europe/Vilnius")).body("schedule.sunday[0].end", equalTo("24:00"));
        as().body(OFFICE).put("/api/v1/business-hours").then().statusCode(200)
                .body("team", nullValue())
                .body("timeZone", equalTo("Europe/Vilnius"))
                .body("schedule.keySet()", contains("monday", "friday"))
                .body("schedule.friday.start", contains("09:00", "13:00"))
                .body("holidays", contains("2026-12-24", "2026-12-25"));
        as().get("/api/v1/business-hours").then().statusCode(200).body("schedule.monday[0].end", equalTo("17:00"));
        // Reading is for everyone, changing for admins.
        as(InternalCaller.ROLE_READ, InternalCaller.ROLE_WRITE).body(OFFICE).put("/api/v1/business-hours").then().statusCode(403);
    }

    @Test
    void everyWrongFieldIsNamedAndNothingChanges() {
        as().body("""
                {"timeZone":"Mars/Olympus","schedule":{"funday":[],"monday":[{"start":"9:00","end":"17:00"},
                 {"start":"12:00","end":"25:00"}],"tuesday":[{"start":"10:00","end":"09:00"}],
                 "wednesday":[{"start":"09:00","end":"13:00"},{"start":"12:00","end":"24:00"}]},
                 "holidays":["2026-02-30"]}""").put("/api/v1/business-hours").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("timeZone", "schedule.funday", "schedule.monday[0].start",
                        "schedule.monday[1].end", "schedule.tuesday[0].end", "schedule.wednesday", "holidays[0]"));
        as().get("/api/v1/business-hours").then().statusCode(200).body("updatedAt", nullValue());
        as().body("{\"schedule\":{\"monday\":[{\"start\":\"00:00\",\"end\":\"24:00\"}]}}").put("/api/v1/business-hours")
                .then().statusCode(200).body("schedule.monday[0].end", equalTo("24:00"));
    }

    @Test
    void aTeamHasItsOwnOrTheDefaultAndEachTicketCarriesTheOneItIsMeasuredWith() {
        as().body("{\"id\":\"night\",\"name\":\"Night shift\"}").post("/api/v1/teams").then().statusCode(201);
        as().body(OFFICE).put("/api/v1/teams/ghost/business-hours").then().statusCode(404);
        as().get("/api/v1/teams/night/business-hours").then().statusCode(404);
        as().body(OFFICE).put("/api/v1/business-hours").then().statusCode(200);
        as().body("{\"timeZone\":\"UTC\",\"schedule\":{\"saturday\":[{\"start\":\"20:00\",\"end\":\"24:00\"}]}}")
                .put("/api/v1/teams/night/business-hours").then().statusCode(200).body("team", equalTo("night"));
        // The list holds the teams with their own, not the default.
        as().get("/api/v1/business-hours/teams").then().statusCode(200)
                .body("team", contains("night")).body("[0].timeZone", equalTo("UTC"))
                .body("[0].schedule.saturday[0].start", equalTo("20:00"));

        ndjson("{\"id\":\"T-1\",\"channel\":\"email\",\"team\":\"night\",\"createdAt\":\"2026-03-07T21:00:00Z\"}",
                "{\"id\":\"T-2\",\"channel\":\"chat\",\"team\":\"day\",\"createdAt\":\"2026-03-07T21:00:00Z\"}",
                "{\"id\":\"T-3\",\"channel\":\"chat\",\"createdAt\":\"2026-03-07T21:00:00Z\"}");
        Map<String, JsonObject> sent = latestPayloads();
        assertEquals("UTC", sent.get("T-1").getJsonObject("businessHours").getString("timeZone"));
        assertEquals("Europe/Vilnius", sent.get("T-2").getJsonObject("businessHours").getString("timeZone"));
        assertEquals("Europe/Vilnius", sent.get("T-3").getJsonObject("businessHours").getString("timeZone"));

        // Dropping the team's own hours sends every ticket again; T-1 now carries the default.
        as().delete("/api/v1/teams/night/business-hours").then().statusCode(204);
        as().delete("/api/v1/teams/night/business-hours").then().statusCode(404);
        as().get("/api/v1/business-hours/teams").then().statusCode(200).body("$", hasSize(0));
        // Delivered, so that the outbox limit of the tests does not hold the pages back.
        pool.preparedQuery("UPDATE outbox_event SET published_at = now() WHERE tenant_id = $1").execute(Tuple.of(tenant))
                .await().indefinitely();
        while (Boolean.TRUE.equals(resend.sendPage(tenant).await().indefinitely())) {
            // A page at a time until the queue is empty.
        }
        sent = latestPayloads();
        assertEquals("Europe/Vilnius", sent.get("T-1").getJsonObject("businessHours").getString("timeZone"));
        assertEquals(1, sent.get("T-1").getInteger("version"), "sent again as a new version");
        assertNull(pool.preparedQuery("SELECT 1 FROM ticket_resend WHERE tenant_id = $1").execute(Tuple.of(tenant))
                .await().indefinitely().iterator().hasNext() ? "queued" : null, "the resend is done");
    }

    private void ndjson(String... lines) {
        SentTickets.importTickets(tenant, lines);
    }

    private Map<String, JsonObject> latestPayloads() {
        return SentTickets.latestPayloads(pool, tenant);
    }
}
