package io.cxmeter.ticket.sla;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.cxmeter.internalauth.InternalCaller;
import io.cxmeter.testing.TestTokens;
import io.cxmeter.ticket.tickets.SentTickets;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * SLA policies through the API: checked field by field, ordered by position; each ticket carries the
 * first policy that matches its priority and channel, and a change queues every ticket to be sent again.
 */
@QuarkusTest
class SlaPolicyTest {

    @Inject
    Pool pool;

    private final String tenant = "tenant-" + UUID.randomUUID();

    private RequestSpecification as(String... roles) {
        return given().auth().oauth2(roles.length == 0 ? TestTokens.forTenant(tenant) : TestTokens.forTenant(tenant, roles))
                .contentType(ContentType.JSON);
    }

    @Test
    void badFieldsAreNamedAndNothingIsStored() {
        as().body("""
                {"name":" ","position":-1,"priorities":["asap"],"channels":["fax","email"],"firstReply":0,
                 "resolution":40000000,"clock":"lunar"}""").post("/api/v1/sla-policies").then().statusCode(400)
                .body("errors.field", containsInAnyOrder("name", "position", "priorities[0]", "channels[0]", "firstReply",
                        "resolution", "clock"));
        as().body("{\"name\":\"Empty\"}").post("/api/v1/sla-policies").then().statusCode(400)
                .body("errors.field", contains("firstReply"));
        as(InternalCaller.ROLE_READ, InternalCaller.ROLE_WRITE).body("{\"name\":\"x\",\"firstReply\":60}")
                .post("/api/v1/sla-policies").then().statusCode(403);
        as().get("/api/v1/sla-policies").then().statusCode(200).body("size()", equalTo(0));
        as().get("/api/v1/sla-policies/" + UUID.randomUUID()).then().statusCode(404);
    }

    @Test
    void eachTicketCarriesTheFirstPolicyThatMatches() {
        String urgent = as().body("""
                {"name":"Urgent","position":0,"priorities":["urgent"],"firstReply":900,"resolution":14400}""")
                .post("/api/v1/sla-policies").then().statusCode(201)
                .body("clock", equalTo("calendar")).body("channels.size()", equalTo(0)).extract().path("id");
        as().body("{\"name\":\"Chat\",\"position\":1,\"channels\":[\"chat\"],\"firstReply\":60,\"nextReply\":120,"
                + "\"clock\":\"business\"}").post("/api/v1/sla-policies").then().statusCode(201);
        as().get("/api/v1/sla-policies").then().statusCode(200).body("name", contains("Urgent", "Chat"));

        ndjson("{\"id\":\"T-1\",\"channel\":\"chat\",\"priority\":\"urgent\",\"createdAt\":\"2026-03-02T09:00:00Z\"}",
                "{\"id\":\"T-2\",\"channel\":\"chat\",\"priority\":\"low\",\"createdAt\":\"2026-03-02T09:00:00Z\"}",
                "{\"id\":\"T-3\",\"channel\":\"email\",\"priority\":\"low\",\"createdAt\":\"2026-03-02T09:00:00Z\"}");
        Map<String, JsonObject> sent = latestPayloads();
        assertEquals("Urgent", sent.get("T-1").getJsonObject("slaPolicy").getString("name"));
        assertEquals(14400, sent.get("T-1").getJsonObject("slaPolicy").getInteger("resolution"));
        assertEquals("Chat", sent.get("T-2").getJsonObject("slaPolicy").getString("name"));
        assertEquals("business", sent.get("T-2").getJsonObject("slaPolicy").getString("clock"));
        assertNull(sent.get("T-3").getJsonObject("slaPolicy"), "no policy matches an e-mail of low priority");

        // A change queues every ticket of the tenant to be measured again.
        as().body("{\"name\":\"Urgent\",\"position\":5,\"priorities\":[\"urgent\"],\"firstReply\":600}")
                .put("/api/v1/sla-policies/" + urgent).then().statusCode(200).body("position", equalTo(5));
        assertTrue(pool.preparedQuery("SELECT remaining FROM ticket_resend WHERE tenant_id = $1").execute(Tuple.of(tenant))
                .await().indefinitely().iterator().next().getLong("remaining") == 3, "three tickets to send again");
        as().get("/api/v1/sla-policies").then().body("name", contains("Chat", "Urgent"));
        as().delete("/api/v1/sla-policies/" + urgent).then().statusCode(204);
        as().delete("/api/v1/sla-policies/" + urgent).then().statusCode(404);
        as().body("{\"name\":\"Gone\",\"firstReply\":60}").put("/api/v1/sla-policies/" + urgent).then().statusCode(404);
    }

    private void ndjson(String... lines) {
        SentTickets.importTickets(tenant, lines);
    }

    private Map<String, JsonObject> latestPayloads() {
        return SentTickets.latestPayloads(pool, tenant);
    }
}
