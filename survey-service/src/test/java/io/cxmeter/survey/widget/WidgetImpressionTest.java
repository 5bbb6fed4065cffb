package io.cxmeter.survey.widget;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.cxmeter.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/** The widget reports each showing: the response rate counts it, answered or not, and a known customer's budget is drawn on. */
@QuarkusTest
class WidgetImpressionTest {

    private static final String SITE = "https://shop.example";

    private final String tenant = "tenant-" + UUID.randomUUID();

    @Inject
    Pool pool;

    /** The invitation events metrics-service is sent about one impression, oldest first. */
    private List<JsonObject> events(String id) {
        List<JsonObject> events = new ArrayList<>();
        for (Row row : pool.preparedQuery("SELECT payload FROM outbox_event WHERE type = 'invitation.upserted' AND aggregate_id = $1"
                + " ORDER BY created_at").execute(Tuple.of(id)).await().indefinitely()) {
            events.add((JsonObject) row.getValue("payload"));
        }
        return events;
    }

    @Test
    void aShowingIsAnAskAndAnAnswerInItMakesItAnswered() {
        var created = given().auth().oauth2(TestTokens.forTenant(tenant)).contentType(ContentType.JSON)
                .body("{\"name\":\"Site NPS\",\"kind\":\"NPS\",\"allowedOrigins\":[\"" + SITE + "\"]}")
                .post("/api/v1/surveys").then().statusCode(201).extract();
        String key = created.path("publicKey");
        String survey = created.path("id");

        // Pages of other sites cannot report showings.
        given().header("Origin", "https://evil.example").contentType(ContentType.JSON).body("{}")
                .post("/public/v1/surveys/" + key + "/impressions").then().statusCode(403);
        given().header("Origin", SITE).header("Access-Control-Request-Method", "POST")
                .options("/public/v1/surveys/" + key + "/impressions").then().statusCode(204);

        String id = given().header("Origin", SITE).contentType(ContentType.JSON)
                .body("{\"locale\":\"lv\",\"visitorId\":\"v-1\",\"customerId\":\"C-1\"}")
                .post("/public/v1/surveys/" + key + "/impressions").then().statusCode(201).extract().path("id");
        List<JsonObject> shown = events(id);
        assertEquals(1, shown.size());
        assertEquals("widget", shown.get(0).getString("touchpoint"));
        assertEquals(survey, shown.get(0).getString("surveyId"));
        assertEquals(false, shown.get(0).getBoolean("responded"));
        // The customer was asked: their fatigue budget counts it.
        assertEquals(1L, pool.preparedQuery("SELECT count(*) FROM customer_ask WHERE tenant_id = $1 AND customer_id = 'C-1'"
                + " AND asked AND channel = 'widget'").execute(Tuple.of(tenant)).await().indefinitely().iterator().next().getLong(0));

        given().header("Origin", SITE).contentType(ContentType.JSON)
                .body("{\"score\":9,\"visitorId\":\"v-1\",\"customerId\":\"C-1\",\"impressionId\":\"" + id + "\"}")
                .post("/public/v1/surveys/" + key + "/responses").then().statusCode(201);
        List<JsonObject> answered = events(id);
        assertEquals(2, answered.size());
        assertEquals(true, answered.get(1).getBoolean("responded"));

        // An impression id that is not one: the answer counts, the rate is not touched.
        given().header("Origin", SITE).contentType(ContentType.JSON)
                .body("{\"score\":7,\"visitorId\":\"v-2\",\"impressionId\":\"" + UUID.randomUUID() + "\"}")
                .post("/public/v1/surveys/" + key + "/responses").then().statusCode(201);
        given().header("Origin", SITE).contentType(ContentType.JSON)
                .body("{\"score\":7,\"visitorId\":\"v-3\",\"impressionId\":\"not-a-uuid\"}")
                .post("/public/v1/surveys/" + key + "/responses").then().statusCode(400);
    }

    @Test
    void cxmetersOwnOriginPreviewsAnySurveyButNeitherAnswersNorCounts() {
        String key = given().auth().oauth2(TestTokens.forTenant(tenant)).contentType(ContentType.JSON)
                .body("{\"name\":\"Not embedded anywhere\",\"kind\":\"CSAT\"}")
                .post("/api/v1/surveys").then().statusCode(201).extract().path("publicKey");
        String console = "http://localhost:8080";
        given().header("Origin", console).get("/public/v1/surveys/" + key + "?locale=et").then().statusCode(200)
                .body("locale", org.hamcrest.Matchers.equalTo("et"));
        given().header("Origin", console).contentType(ContentType.JSON).body("{\"score\":4}")
                .post("/public/v1/surveys/" + key + "/responses").then().statusCode(403);
        given().header("Origin", console).contentType(ContentType.JSON).body("{}")
                .post("/public/v1/surveys/" + key + "/impressions").then().statusCode(403);
    }
}
