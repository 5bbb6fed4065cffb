package io.cxmeter.survey.followups;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
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
import io.vertx.core.json.JsonObject;

/** Closing the loop against ticket-service played by WireMock, down at first. */
@QuarkusTest
@TestProfile(FollowUpTest.Relaying.class)
@QuarkusTestResource(value = PeerStub.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = PeerStub.URL_PROPERTY, value = "quarkus.rest-client.ticket-follow-ups.url"))
class FollowUpTest {

    /** ticket-service's follow-up endpoint, as WireMock plays it: one ticket per response id. */
    @PeerStub.Server
    WireMockServer ticketService;

    /** The relay on, signing with the test producers' key. */
    public static class Relaying implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cxmeter.follow-ups.enabled", "true",
                    "cxmeter.follow-ups.signing-key", RsaKeys.encode(TestKeys.EVENTS.getPrivate()));
        }
    }

    private final String tenant = "tenant-" + UUID.randomUUID();

    private RequestSpecification as() {
        return given().auth().oauth2(TestTokens.forTenantInZone(tenant, "Europe/Vilnius")).contentType(ContentType.JSON);
    }

    @Test
    void aNegativeResponseOpensOneFollowUpTicketOnceTicketServiceAnswers() throws Exception {
        PeerStub.outage(ticketService, () -> post(anyUrl()), 2, aResponse().withStatus(201)
                .withHeader("Content-Type", "application/json").withBody("""
                        {"responseId": "{{jsonPath request.body '$.responseId'}}",
                         "ticketId": "followup-{{jsonPath request.body '$.responseId'}}", "created": true}"""));
        String loop = as().body("{\"name\":\"NPS\",\"kind\":\"NPS\",\"followUp\":true}").post("/api/v1/surveys")
                .then().statusCode(201).body("followUp", equalTo(true)).extract().path("id");
        String plain = as().body("{\"name\":\"CSAT\",\"kind\":\"CSAT\"}").post("/api/v1/surveys")
                .then().statusCode(201).extract().path("id");

        // Accepted while ticket-service refuses: the ticket comes later.
        as().body("{\"id\":\"R-1\",\"score\":3,\"customerId\":\"C-1\",\"channel\":\"chat\"}")
                .post("/api/v1/surveys/" + loop + "/responses").then().statusCode(201);
        as().body("{\"id\":\"R-2\",\"score\":9}").post("/api/v1/surveys/" + loop + "/responses").then().statusCode(201);
        as().body("{\"id\":\"R-3\",\"score\":1}").post("/api/v1/surveys/" + plain + "/responses").then().statusCode(201);
        // Re-imported, the detractor stays one follow-up.
        given().auth().oauth2(TestTokens.forTenant(tenant)).contentType("application/x-ndjson")
                .body("{\"id\":\"R-1\",\"score\":2}\n{\"id\":\"R-4\",\"score\":6}".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/surveys/" + loop + "/responses/import").then().statusCode(200);

        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (mine().size() < 2 && Instant.now().isBefore(deadline)) {
            Thread.sleep(200);
        }
        Thread.sleep(1500);
        List<LoggedRequest> calls = mine();
        assertEquals(List.of(loop + ":R-1", loop + ":R-4"),
                calls.stream().map(c -> new JsonObject(c.getBodyAsString()).getString("responseId")).sorted().toList(),
                "one call per negative response");

        as().get("/api/v1/surveys/" + loop + "/responses/R-1").then()
                .body("followUpTicketId", equalTo("followup-" + loop + ":R-1"));
        as().get("/api/v1/surveys/" + loop + "/responses/R-2").then().body("followUpTicketId", nullValue());

        // Signed with the producers' key for the services, naming the tenant and its zone.
        JwtClaims claims = new JwtConsumerBuilder().setVerificationKey(TestKeys.EVENTS.getPublic())
                .setExpectedAudience("cxmeter-services").setRequireExpirationTime().build()
                .processToClaims(calls.get(0).getHeader("Authorization").substring("Bearer ".length()));
        assertEquals(tenant, claims.getStringClaimValue("tenant"));
        assertEquals("Europe/Vilnius", claims.getStringClaimValue("tz"));
        assertTrue(claims.getStringListClaimValue("groups").contains("event-producer"));
    }

    /** The calls of this test's tenant that ticket-service took. */
    private List<LoggedRequest> mine() {
        return PeerStub.answered(ticketService, 201).stream().filter(c -> {
            try {
                return tenant.equals(new JwtConsumerBuilder().setSkipSignatureVerification().setSkipDefaultAudienceValidation()
                        .build().processToClaims(c.getHeader("Authorization").substring(7)).getStringClaimValue("tenant"));
            } catch (Exception e) {
                return false;
            }
        }).toList();
    }
}
