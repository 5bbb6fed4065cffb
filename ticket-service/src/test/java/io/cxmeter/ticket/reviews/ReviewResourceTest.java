package io.cxmeter.ticket.reviews;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.cxmeter.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class ReviewResourceTest {

    static final String SCORECARD = """
            {"name":"Support QA","categories":[{"name":"Tone","weight":1,"maxPoints":5,"critical":false},
             {"name":"Correct answer","weight":2,"maxPoints":4,"critical":true}]}""";

    @Inject
    Pool pool;

    private final String tenant = "tenant-" + UUID.randomUUID();
    private String scorecardId;

    private RequestSpecification as(String tenant) {
        return given().auth().oauth2(TestTokens.forTenant(tenant));
    }

    private RequestSpecification ndjson(String tenant, String... lines) {
        return as(tenant).contentType("application/x-ndjson").body(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    private String review(String id, String ratings) {
        return "{\"id\":\"" + id + "\",\"scorecardId\":\"" + scorecardId + "\",\"ticketId\":\"T-1001\",\"agentId\":\"A-3\","
                + "\"reviewer\":\"A-9\",\"createdAt\":\"2026-02-04T10:00:00Z\",\"ratings\":" + ratings + "}";
    }

    @BeforeEach
    void createScorecard() {
        scorecardId = as(tenant).contentType(ContentType.JSON).body(SCORECARD).post("/api/v1/scorecards")
                .then().statusCode(201).body("categories.name", contains("Tone", "Correct answer"))
                .extract().path("id");
    }

    @Test
    void reviewsAreImportedWithTheirScore() {
        ndjson(tenant, review("Q-1", "{\"Tone\":4,\"Correct answer\":null}"), review("Q-2", "{\"Tone\":4,\"Correct answer\":3}"))
                .post("/api/v1/reviews/import")
                .then().statusCode(200).body("created", equalTo(2));

        // Tone 4/5 with Correct answer N/A: 100 * (1 * 4/5) / 1 = 80.
        as(tenant).get("/api/v1/reviews/Q-1").then().statusCode(200)
                .body("score", equalTo(80.0f)).body("agentId", equalTo("A-3")).body("ratings.Tone", equalTo(4));
        // 100 * (1 * 4/5 + 2 * 3/4) / 3 = 76.666…
        float expected = (float) (100 * (0.8 + 1.5) / 3);
        as(tenant).get("/api/v1/reviews/Q-2").then().body("score", equalTo(expected));
        as(tenant).get("/api/v1/agents").then().body("items.id", hasItem("A-9"));
        assertEquals(2L, pool.preparedQuery("SELECT count(*) FROM outbox_event WHERE tenant_id = $1 AND type = 'review.upserted'")
                .execute(Tuple.of(tenant)).await().indefinitely().iterator().next().getLong(0));
    }

    @Test
    void reSendingAReviewUpdatesItsScore() {
        ndjson(tenant, review("Q-1", "{\"Tone\":4}")).post("/api/v1/reviews/import").then().statusCode(200);
        ndjson(tenant, review("Q-1", "{\"Tone\":5,\"Correct answer\":0}")).post("/api/v1/reviews/import")
                .then().body("created", equalTo(0)).body("updated", equalTo(1));
        as(tenant).get("/api/v1/reviews/Q-1").then().body("score", equalTo(0.0f));
    }

    @Test
    void badReviewsAreNamedByLineAndNothingIsStored() {
        ndjson(tenant,
                review("Q-1", "{\"Tone\":4}"),
                review("Q-2", "{\"Tone\":6}"),
                review("Q-3", "{\"Empathy\":2}"),
                review("Q-4", "{\"Tone\":3.5}"),
                review("Q-5", "{\"Tone\":1}").replace(scorecardId, UUID.randomUUID().toString()))
                .post("/api/v1/reviews/import")
                .then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("errors.line", contains(2, 3, 4, 5))
                .body("errors[0].error", equalTo("ratings['Tone'] must be N/A (null) or 0..5, not 6"))
                .body("errors[1].error", containsString("'Empathy'"))
                .body("errors[3].error", containsString("names no scorecard of this tenant"));
        as(tenant).get("/api/v1/reviews/Q-1").then().statusCode(404);
    }

    @Test
    void aReviewWithNothingRatedHasNoScore() {
        as(tenant).contentType(ContentType.JSON).body(review("Q-9", "{\"Tone\":null}")).post("/api/v1/reviews")
                .then().statusCode(201).body("score", nullValue());
    }

    @Test
    void aScorecardThatCannotScoreIsRefused() {
        as(tenant).contentType(ContentType.JSON)
                .body("{\"name\":\"Broken\",\"categories\":[{\"name\":\"Tone\",\"weight\":0,\"maxPoints\":5}]}")
                .post("/api/v1/scorecards")
                .then().statusCode(422).body("detail", equalTo("categories[0].weight must be greater than 0."));
    }

    @Test
    void anotherTenantCanNeitherUseTheScorecardNorReadTheReviews() {
        ndjson(tenant, review("Q-1", "{\"Tone\":4}")).post("/api/v1/reviews/import").then().statusCode(200);
        String other = "other-" + UUID.randomUUID();
        as(other).get("/api/v1/reviews/Q-1").then().statusCode(404);
        as(other).get("/api/v1/scorecards/" + scorecardId).then().statusCode(404);
        ndjson(other, review("Q-1", "{\"Tone\":4}")).post("/api/v1/reviews/import")
                .then().statusCode(422).body("errors[0].error", containsString("names no scorecard of this tenant"));
    }
}
