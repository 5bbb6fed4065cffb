package io.cxmeter.ticket.erasure;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

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
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * One erasure call carries the erasure to survey-service through its outage, and the receipt turns
 * done once metrics-service has the {@code customer.erased} event; then nothing names the customer.
 */
@QuarkusTest
@TestProfile(ErasureRelayTest.RelayOn.class)
@QuarkusTestResource(value = PeerStub.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = PeerStub.URL_PROPERTY, value = "quarkus.rest-client.survey-erasures.url"))
class ErasureRelayTest {

    /** The relay switched on, fast, against the stub, signing with the test producer key. */
    public static class RelayOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cxmeter.erasures.enabled", "true",
                    "cxmeter.erasures.signing-key", RsaKeys.encode(TestKeys.EVENTS.getPrivate()),
                    "cxmeter.erasures.interval", "0.2s",
                    "cxmeter.erasures.max-backoff", "PT1S");
        }
    }

    @Inject
    Pool pool;

    /** survey-service's erasure endpoint, as WireMock plays it. */
    @PeerStub.Server
    WireMockServer surveyService;

    @Test
    void anErasureReachesSurveyServiceThroughItsOutageAndTheReceiptEndsDone() throws Exception {
        PeerStub.outage(surveyService, () -> post(urlEqualTo("/internal/v1/erasures")), 2,
                okJson("{\"responses\": 2, \"invitations\": 1}"));
        String tenant = "tenant-" + UUID.randomUUID();
        String token = TestTokens.forTenantInZone(tenant, "Europe/Vilnius");
        given().auth().oauth2(token).contentType(ContentType.JSON)
                .body("{\"id\":\"C-9\",\"since\":\"2026-01-04T09:00:00Z\",\"purchases\":[{\"amount\":9.5,\"at\":\"2026-02-01T10:00:00Z\"}]}")
                .post("/api/v1/customers").then().statusCode(201);

        String receipt = given().auth().oauth2(token).delete("/api/v1/customers/C-9").then().statusCode(202)
                .body("state", equalTo("pending")).extract().path("id");

        // survey-service answers on the third call; metrics-service has not been told yet (the outbox
        // relay is off here), so the receipt stays pending.
        await(() -> given().auth().oauth2(token).get("/api/v1/customers/erasures/" + receipt).then().extract()
                .path("services.'survey-service'").equals("done"));
        List<LoggedRequest> calls = surveyService.findAll(postRequestedFor(urlEqualTo("/internal/v1/erasures")));
        assertEquals(3, calls.size(), "two refusals, then the erasure");
        assertEquals("C-9", new JsonObject(calls.get(2).getBodyAsString()).getString("customerId"));
        JwtClaims claims = new JwtConsumerBuilder().setVerificationKey(TestKeys.EVENTS.getPublic())
                .setExpectedAudience("cxmeter-services").build()
                .processToClaims(calls.get(2).getHeader("Authorization").substring("Bearer ".length()));
        assertEquals(tenant, claims.getClaimValueAsString("tenant"));
        given().auth().oauth2(token).get("/api/v1/customers/erasures/" + receipt).then()
                .body("state", equalTo("pending")).body("services.'metrics-service'", equalTo("pending"));

        // The outbox relay delivers customer.erased: the erasure is done everywhere.
        pool.preparedQuery("UPDATE outbox_event SET published_at = now() WHERE tenant_id = $1 AND type = 'customer.erased'")
                .execute(Tuple.of(tenant)).await().indefinitely();
        await(() -> "done".equals(given().auth().oauth2(token).get("/api/v1/customers/erasures/" + receipt).then()
                .extract().path("state")));
        given().auth().oauth2(token).get("/api/v1/customers/erasures/" + receipt).then()
                .body("customerId", nullValue()).body("services.'metrics-service'", equalTo("done"));
        // Nothing in ticket-service names the customer any more: not the outbox, not the receipt.
        assertEquals(0, pool.preparedQuery("SELECT count(*) FROM outbox_event WHERE tenant_id = $1 AND payload::text LIKE '%C-9%'")
                .execute(Tuple.of(tenant)).await().indefinitely().iterator().next().getLong(0));
        assertEquals(0, pool.preparedQuery("SELECT count(*) FROM customer_erasure WHERE tenant_id = $1 AND customer_key IS NOT NULL")
                .execute(Tuple.of(tenant)).await().indefinitely().iterator().next().getLong(0));
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not reached within 30 s");
            }
            Thread.sleep(100);
        }
    }
}
