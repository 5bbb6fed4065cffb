package io.cxmeter.ticket.triggers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.cxmeter.internalauth.RsaKeys;
import io.cxmeter.testing.PeerStub;
import io.cxmeter.testing.TestKeys;
import io.cxmeter.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Recent resolutions and reopenings reach survey-service with the customer's contact; old history does not. */
@QuarkusTest
@TestProfile(StateChangeRelayTest.RelayOn.class)
@QuarkusTestResource(value = PeerStub.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = PeerStub.URL_PROPERTY, value = "quarkus.rest-client.survey-ticket-states.url"))
class StateChangeRelayTest {

    /** The relay signing with the test producer key; the test drives its rounds. */
    public static class RelayOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cxmeter.state-changes.enabled", "true",
                    "cxmeter.state-changes.signing-key", RsaKeys.encode(TestKeys.EVENTS.getPrivate()),
                    "cxmeter.state-changes.interval", "1h");
        }
    }

    /** survey-service, as WireMock plays it. */
    @PeerStub.Server
    WireMockServer surveyService;

    private final String tenant = "tenant-" + UUID.randomUUID();

    @Inject
    StateChangeRelay relay;

    @Inject
    Pool pool;

    private RequestSpecification api() {
        return given().auth().oauth2(TestTokens.forTenantInZone(tenant, "Europe/Vilnius")).contentType(ContentType.JSON);
    }

    private void status(String ticket, String status, Instant at) {
        api().body("{\"status\":\"" + status + "\",\"at\":\"" + at + "\"}").post("/api/v1/tickets/" + ticket + "/status")
                .then().statusCode(200);
    }

    private long pending() {
        return pool.preparedQuery("SELECT count(*) FROM ticket_state_change WHERE tenant_id = $1").execute(Tuple.of(tenant))
                .await().indefinitely().iterator().next().getLong(0);
    }

    private JsonArray lastReport() {
        List<LoggedRequest> calls = surveyService.findAll(postRequestedFor(urlEqualTo("/internal/v1/ticket-states")));
        return new JsonObject(calls.get(calls.size() - 1).getBodyAsString()).getJsonArray("tickets");
    }

    @Test
    void aLiveResolutionAndItsReopeningReachSurveyServiceThroughAnOutage() {
        surveyService.resetAll();
        api().body("{\"id\":\"C-1\",\"since\":\"2025-01-04T09:00:00Z\",\"attributes\":{\"email\":\"ruta@example.lt\","
                + "\"name\":\"Rūta\",\"locale\":\"lt\"}}").post("/api/v1/customers").then().statusCode(201);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        api().body("{\"id\":\"T-1\",\"channel\":\"email\",\"subject\":\"Refund\",\"team\":\"billing\",\"customerId\":\"C-1\","
                + "\"createdAt\":\"" + now.minus(Duration.ofHours(1)) + "\"}").post("/api/v1/tickets").then().statusCode(201);
        api().body("{\"agentId\":\"A-1\",\"at\":\"" + now.minus(Duration.ofMinutes(50)) + "\"}")
                .post("/api/v1/tickets/T-1/assignment").then().statusCode(200);
        status("T-1", "open", now.minus(Duration.ofMinutes(50)));
        status("T-1", "resolved", now.minus(Duration.ofMinutes(5)));
        // History imported with the same call: a resolution from last year reports nothing.
        api().body("{\"id\":\"T-OLD\",\"channel\":\"email\",\"subject\":\"Old\",\"customerId\":\"C-1\","
                + "\"createdAt\":\"2025-03-01T08:00:00Z\"}").post("/api/v1/tickets").then().statusCode(201);
        status("T-OLD", "open", Instant.parse("2025-03-01T08:10:00Z"));
        status("T-OLD", "resolved", Instant.parse("2025-03-01T09:00:00Z"));

        // survey-service is down: the changes wait.
        surveyService.stubFor(post(urlEqualTo("/internal/v1/ticket-states")).willReturn(aResponse().withStatus(503)));
        long noted = pending();
        assertFalse(noted == 0, "the resolution is noted");
        assertEquals(0, relay.relayOnce().await().indefinitely());
        assertEquals(noted, pending());

        // Back: the ticket as it stands now, with the customer's contact details.
        surveyService.resetAll();
        surveyService.stubFor(post(urlEqualTo("/internal/v1/ticket-states")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"scheduled\":1,\"cancelled\":0}")));
        pool.preparedQuery("UPDATE ticket_state_change SET next_attempt_at = now() WHERE tenant_id = $1")
                .execute(Tuple.of(tenant)).await().indefinitely();
        assertEquals(noted, relay.relayOnce().await().indefinitely().longValue());
        assertEquals(0, pending());
        JsonArray tickets = lastReport();
        JsonObject last = tickets.getJsonObject(tickets.size() - 1);
        assertEquals("T-1", last.getString("ticketId"));
        assertEquals(true, last.getBoolean("resolved"));
        assertEquals(now.minus(Duration.ofMinutes(5)).toString(), last.getString("resolvedAt"));
        assertEquals("ruta@example.lt", last.getString("email"));
        assertEquals("Rūta", last.getString("name"));
        assertEquals("lt", last.getString("locale"));
        assertEquals("email", last.getString("channel"));
        assertEquals("billing", last.getString("team"));
        assertEquals("A-1", last.getString("agentId"));
        assertFalse(tickets.stream().anyMatch(t -> "T-OLD".equals(((JsonObject) t).getString("ticketId"))));

        // Reopened: reported as no longer resolved.
        status("T-1", "open", now.minus(Duration.ofMinutes(1)));
        assertEquals(1, relay.relayOnce().await().indefinitely());
        JsonObject reopened = lastReport().getJsonObject(0);
        assertEquals("T-1", reopened.getString("ticketId"));
        assertEquals(false, reopened.getBoolean("resolved"));
    }
}
