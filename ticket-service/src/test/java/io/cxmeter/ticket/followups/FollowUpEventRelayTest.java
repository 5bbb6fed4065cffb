package io.cxmeter.ticket.followups;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

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
import io.vertx.core.json.JsonObject;

/**
 * Follow-ups opened and resolved, by any path, reach survey-service's webhook intake at least once,
 * for the right tenant; each resolution is its own event; while survey-service refuses, they wait.
 */
@QuarkusTest
@TestProfile(FollowUpEventRelayTest.RelayOn.class)
@QuarkusTestResource(value = PeerStub.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = PeerStub.URL_PROPERTY, value = "quarkus.rest-client.survey-webhook-events.url"))
class FollowUpEventRelayTest {

    /** The relay signing with the test producer key; the test drives its rounds. */
    public static class RelayOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cxmeter.follow-up-events.enabled", "true",
                    "cxmeter.follow-up-events.signing-key", RsaKeys.encode(TestKeys.EVENTS.getPrivate()),
                    "cxmeter.follow-up-events.interval", "1h", "cxmeter.follow-up-events.max-backoff", "PT0S");
        }
    }

    /** survey-service, as WireMock plays it. */
    @PeerStub.Server
    WireMockServer surveyService;

    private final String tenant = "tenant-" + UUID.randomUUID();

    @Inject
    FollowUpEventRelay relay;

    private RequestSpecification api() {
        return given().auth().oauth2(TestTokens.forTenant(tenant)).contentType(ContentType.JSON);
    }

    private List<JsonObject> reported() {
        return surveyService.findAll(postRequestedFor(urlEqualTo("/internal/v1/webhook-events"))).stream()
                .filter(request -> request.getHeader("Authorization") != null)
                .flatMap(request -> new JsonObject(request.getBodyAsString()).getJsonArray("events").stream()
                        .map(JsonObject.class::cast))
                .filter(event -> event.getJsonObject("data").getString("followUpId").startsWith(tenant))
                .toList();
    }

    @Test
    void openedAndEachResolutionAreReportedOnceSurveyServiceTakesThem() {
        surveyService.stubFor(post(urlEqualTo("/internal/v1/webhook-events"))
                .willReturn(aResponse().withStatus(503)));
        String id = tenant + ":R-1";
        api().body("{\"surveyId\":\"" + tenant + "\",\"responseId\":\"R-1\",\"score\":2,\"customerId\":\"C-1\",\"agentId\":\"A-1\"}")
                .post("/api/v1/follow-ups").then().statusCode(201);
        api().body("{\"status\":\"resolved\"}").patch("/api/v1/follow-ups/" + id).then().statusCode(200);
        relay.relayOnce().await().indefinitely();
        int refused = reported().size();
        assertTrue(refused >= 2, "tried while survey-service refused");

        surveyService.stubFor(post(urlEqualTo("/internal/v1/webhook-events"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{\"events\":2}")));
        // Reopened through its ticket and resolved again: a second resolution.
        api().body("{\"status\":\"open\"}").post("/api/v1/tickets/followup-" + id + "/status").then().statusCode(200);
        api().body("{\"status\":\"resolved\"}").post("/api/v1/tickets/followup-" + id + "/status").then().statusCode(200);
        relay.relayOnce().await().indefinitely();
        relay.relayOnce().await().indefinitely();

        List<JsonObject> taken = reported().subList(refused, reported().size());
        assertEquals(List.of("followup.created", "followup.resolved", "followup.resolved"),
                taken.stream().map(event -> event.getString("type")).toList());
        assertEquals(id, taken.get(0).getString("key"));
        assertEquals("C-1", taken.get(0).getString("customerId"));
        assertEquals("A-1", taken.get(0).getJsonObject("data").getString("ownerAgentId"));
        assertEquals("followup-" + id, taken.get(0).getJsonObject("data").getString("ticketId"));
        assertTrue(!taken.get(1).getString("key").equals(taken.get(2).getString("key")), "each resolution has its own key");
        assertEquals("resolved", taken.get(2).getJsonObject("data").getString("status"));

        // Taken: nothing more to report.
        relay.relayOnce().await().indefinitely();
        assertEquals(refused + 3, reported().size());
    }
}
