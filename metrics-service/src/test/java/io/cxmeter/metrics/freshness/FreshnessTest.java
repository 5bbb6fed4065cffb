package io.cxmeter.metrics.freshness;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.cxmeter.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/** Freshness claims up to date only when no producer holds a change of the tenant back. */
@QuarkusTest
class FreshnessTest {

    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String token = TestTokens.forTenant(tenant);

    @AfterEach
    void reset() {
        ProducerStub.reset();
    }

    @Test
    void upToDateOnlyWhenNothingWaitsInAnyOutbox() {
        given().auth().oauth2(token).get("/api/v1/metrics/freshness").then().statusCode(200)
                .body("upToDate", equalTo(true)).body("pendingEvents", equalTo(0)).body("lagSeconds", equalTo(0.0f))
                .body("waiting", hasSize(2)).body("waiting.reachable", org.hamcrest.Matchers.everyItem(equalTo(true)));
        // Asked with the caller's own token: each producer sees this tenant only.
        assertEquals("Bearer " + token, last(ProducerStub.authorizations("survey-service")));
        assertEquals("Bearer " + token, last(ProducerStub.authorizations("ticket-service")));

        OffsetDateTime oldest = OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(42);
        ProducerStub.waiting("ticket-service", 9000, oldest);
        ProducerStub.waiting("survey-service", 3, oldest.plusSeconds(30));
        float lag = given().auth().oauth2(token).get("/api/v1/metrics/freshness").then().statusCode(200)
                .body("upToDate", equalTo(false)).body("pendingEvents", equalTo(9003))
                .body("waiting.find { it.service == 'ticket-service' }.where", equalTo("ticket-service outbox"))
                .body("waiting.find { it.service == 'ticket-service' }.pendingEvents", equalTo(9000))
                .extract().path("lagSeconds");
        org.junit.jupiter.api.Assertions.assertTrue(lag >= 42 && lag < 60, "the age of the oldest waiting change: " + lag);
    }

    @Test
    void aProducerThatDoesNotAnswerIsNotTakenForUpToDate() {
        ProducerStub.down("survey-service");
        given().auth().oauth2(token).get("/api/v1/metrics/freshness").then().statusCode(200)
                .body("upToDate", equalTo(false)).body("lagSeconds", nullValue())
                .body("waiting.find { it.service == 'survey-service' }.reachable", equalTo(false))
                .body("waiting.find { it.service == 'ticket-service' }.reachable", equalTo(true));
    }

    private static String last(java.util.List<String> values) {
        return values.get(values.size() - 1);
    }
}
