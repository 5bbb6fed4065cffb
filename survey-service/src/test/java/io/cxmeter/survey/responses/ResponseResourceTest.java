package io.cxmeter.survey.responses;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.cxmeter.testing.ImportJobs;
import io.cxmeter.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class ResponseResourceTest {

    private final String tenant = "tenant-" + UUID.randomUUID();

    @Inject
    Pool pool;

    private RequestSpecification as(String who) {
        return given().auth().oauth2(TestTokens.forTenantInZone(who, "Europe/Vilnius")).contentType(ContentType.JSON);
    }

    private String survey(String body) {
        return as(tenant).body(body).post("/api/v1/surveys").then().statusCode(201).extract().path("id");
    }

    private long count(String sql, Object... args) {
        return pool.preparedQuery(sql).execute(Tuple.from(args)).await().indefinitely().iterator().next().getLong(0);
    }

    private List<JsonObject> outbox(String type) {
        List<JsonObject> payloads = new ArrayList<>();
        for (Row row : pool.preparedQuery("SELECT payload FROM outbox_event WHERE tenant_id = $1 AND type = $2 ORDER BY created_at")
                .execute(Tuple.of(tenant, type)).await().indefinitely()) {
            payloads.add((JsonObject) row.getValue("payload"));
        }
        return payloads;
    }

    @Test
    void aResponseIsStoredAndAnnouncedToMetrics() {
        String id = survey("{\"name\":\"After-call\",\"kind\":\"CSAT\"}");
        as(tenant).body("{\"id\":\"R-1\",\"score\":4,\"comment\":\"<b>Greitai!</b>\",\"channel\":\"call\",\"agentId\":\"A-3\","
                + "\"customerId\":\"C-17\",\"locale\":\"lt\",\"submittedAt\":\"2026-02-03T08:20:00Z\"}")
                .post("/api/v1/surveys/" + id + "/responses")
                .then().statusCode(201)
                .header("Location", startsWith("http"))
                .body("id", equalTo("R-1")).body("comment", equalTo("<b>Greitai!</b>"));

        as(tenant).get("/api/v1/surveys/" + id + "/responses/R-1").then().statusCode(200).body("locale", equalTo("lt"));
        List<JsonObject> events = outbox("response.upserted");
        assertEquals(1, events.size());
        JsonObject event = events.get(0);
        // What metrics-service needs: the survey's kind, scale and threshold travel with the response.
        assertEquals(id + ":R-1", event.getString("id"));
        assertEquals("CSAT", event.getString("kind"));
        assertEquals(1, event.getInteger("scaleMin"));
        assertEquals(5, event.getInteger("scaleMax"));
        assertEquals(4, event.getInteger("positiveFrom"));
        assertEquals(4.0, event.getDouble("score"));
        assertEquals("Europe/Vilnius", pool.preparedQuery("SELECT zone FROM outbox_event WHERE tenant_id = $1")
                .execute(Tuple.of(tenant)).await().indefinitely().iterator().next().getString("zone"));
    }

    @Test
    void badResponsesAreRefusedAndNothingIsStored() {
        String nps = survey("{\"name\":\"NPS\",\"kind\":\"NPS\"}");
        as(tenant).body("{\"score\":11}").post("/api/v1/surveys/" + nps + "/responses")
                .then().statusCode(422).contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("score"));
        as(tenant).body("{\"score\":8.5}").post("/api/v1/surveys/" + nps + "/responses").then().statusCode(422);
        as(tenant).body("{\"score\":9,\"comment\":\"" + "x".repeat(5001) + "\"}").post("/api/v1/surveys/" + nps + "/responses")
                .then().statusCode(422).body("errors.field", hasItem("comment"));
        as(tenant).body("{\"score\":9}").post("/api/v1/surveys/" + UUID.randomUUID() + "/responses").then().statusCode(404);
        assertEquals(0, count("SELECT count(*) FROM response WHERE tenant_id = $1", tenant));
        assertEquals(0, count("SELECT count(*) FROM outbox_event WHERE tenant_id = $1", tenant));

        as(tenant).body("{\"status\":\"paused\"}").patch("/api/v1/surveys/" + nps).then().statusCode(200)
                .body("status", equalTo("paused"));
        as(tenant).body("{\"score\":9}").post("/api/v1/surveys/" + nps + "/responses")
                .then().statusCode(409).contentType(startsWith("application/problem+json"));
        ndjson(nps, "{\"id\":\"R-1\",\"score\":9}").then().statusCode(409);
        assertEquals(0, count("SELECT count(*) FROM response WHERE tenant_id = $1", tenant));

        // Resumed, it takes answers again; archived, never again.
        as(tenant).body("{\"status\":\"active\"}").patch("/api/v1/surveys/" + nps).then().statusCode(200);
        as(tenant).body("{\"score\":9}").post("/api/v1/surveys/" + nps + "/responses").then().statusCode(201);
        as(tenant).body("{\"status\":\"archived\"}").patch("/api/v1/surveys/" + nps).then().statusCode(200);
        as(tenant).body("{\"status\":\"active\"}").patch("/api/v1/surveys/" + nps).then().statusCode(409);
        as(tenant).body("{\"score\":9}").post("/api/v1/surveys/" + nps + "/responses").then().statusCode(409);
        as(tenant).body("{\"status\":\"closed\"}").patch("/api/v1/surveys/" + nps).then().statusCode(400);
        assertEquals(1, count("SELECT count(*) FROM response WHERE tenant_id = $1", tenant));
    }

    @Test
    void aRetryWithTheSameIdempotencyKeyAnswersTheFirstResult() {
        String id = survey("{\"name\":\"NPS\",\"kind\":\"NPS\"}");
        String first = as(tenant).header("Idempotency-Key", "k-1").body("{\"score\":9}")
                .post("/api/v1/surveys/" + id + "/responses").then().statusCode(201).extract().path("id");
        as(tenant).header("Idempotency-Key", "k-1").body("{\"score\":9}")
                .post("/api/v1/surveys/" + id + "/responses").then().statusCode(200).body("id", equalTo(first));
        assertEquals(1, count("SELECT count(*) FROM response WHERE tenant_id = $1", tenant));
        assertEquals(1, outbox("response.upserted").size());
        // Another tenant's key of the same name is its own.
        String other = "tenant-" + UUID.randomUUID();
        String theirs = as(other).body("{\"name\":\"NPS\",\"kind\":\"NPS\"}").post("/api/v1/surveys").then().extract().path("id");
        as(other).header("Idempotency-Key", "k-1").body("{\"score\":3}").post("/api/v1/surveys/" + theirs + "/responses")
                .then().statusCode(201);
    }

    @Test
    void aUsedIdempotencyKeyWithAnotherBodyIsRefusedAndStoresNothing() {
        String id = survey("{\"name\":\"NPS\",\"kind\":\"NPS\"}");
        as(tenant).header("Idempotency-Key", "k-2").body("{\"score\":9, \"comment\":\"fast\"}")
                .post("/api/v1/surveys/" + id + "/responses").then().statusCode(201);
        // The same request written differently is the same request.
        as(tenant).header("Idempotency-Key", "k-2").body("{\"comment\":\"fast\",\"score\":9}")
                .post("/api/v1/surveys/" + id + "/responses").then().statusCode(200);
        as(tenant).header("Idempotency-Key", "k-2").body("{\"score\":2, \"comment\":\"slow\"}")
                .post("/api/v1/surveys/" + id + "/responses").then().statusCode(422)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("Idempotency-Key"));
        assertEquals(1, count("SELECT count(*) FROM response WHERE tenant_id = $1 AND survey_id = '" + id + "'", tenant));
        assertEquals(0, count("SELECT count(*) FROM response WHERE tenant_id = $1 AND score = 2", tenant));
    }

    @Test
    void anImportLargerThanTheInlineLimitRunsAsAJobOfItsSurvey() {
        // 65,000 lines, about 11 MB: past the 4 MB answered at once, and past Quarkus' default 10 MB body limit.
        String id = survey("{\"name\":\"NPS\",\"kind\":\"NPS\"}");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 65_000; i++) {
            lines.append("{\"id\":\"R-").append(i).append("\",\"score\":").append(i % 11)
                    .append(",\"channel\":\"email\",\"agentId\":\"A-").append(i % 50).append("\",\"customerId\":\"C-")
                    .append(i).append("\",\"comment\":\"A comment long enough to be realistic\",")
                    .append("\"submittedAt\":\"2026-02-03T08:00:00Z\"}\n");
        }
        assertTrue(lines.length() > 10 * 1024 * 1024, "the file must pass 10 MB, it has " + lines.length());
        String location = ndjson(id, lines.toString()).then().statusCode(202)
                .header("Location", containsString("/api/v1/surveys/" + id + "/responses/import/jobs/")).extract().header("Location");
        JsonPath job = ImportJobs.awaitEnd(() -> as(tenant), location);
        assertEquals("completed", job.getString("state"), job.prettify());
        assertEquals(65_000, job.getLong("created"));
        assertEquals(65_000, count("SELECT count(*) FROM response WHERE tenant_id = $1", tenant));
        // The job belongs to its survey.
        String other = survey("{\"name\":\"CSAT\",\"kind\":\"CSAT\"}");
        as(tenant).get(location.replace(id, other)).then().statusCode(404);
    }

    @Test
    void anImportIsAtomicAndReImportUpdates() {
        String id = survey("{\"name\":\"NPS\",\"kind\":\"NPS\"}");
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            lines.append("{\"id\":\"R-").append(i).append("\",\"score\":").append(i % 11)
                    .append(",\"submittedAt\":\"2026-02-03T08:").append(String.format("%02d", i % 60)).append(":00Z\"}\n");
        }
        ndjson(id, lines.toString()).then().statusCode(200).body("created", equalTo(100)).body("updated", equalTo(0));
        ndjson(id, lines.toString().replace("\"score\":0,", "\"score\":10,"))
                .then().statusCode(200).body("created", equalTo(0)).body("updated", equalTo(100));
        assertEquals(100, count("SELECT count(*) FROM response WHERE tenant_id = $1", tenant));
        assertEquals(0, count("SELECT count(*) FROM response WHERE tenant_id = $1 AND score = 0", tenant));

        // Line 2 is off the scale, line 3 has no id: nothing of the file is stored.
        String bad = "{\"id\":\"N-1\",\"score\":5}\n{\"id\":\"N-2\",\"score\":12}\n{\"score\":5}\n";
        ndjson(id, bad).then().statusCode(422)
                .body("errors.line", equalTo(List.of(2, 3)));
        assertEquals(100, count("SELECT count(*) FROM response WHERE tenant_id = $1", tenant));

        as(tenant).get("/api/v1/surveys/" + id + "/responses?limit=60").then().statusCode(200).body("items", hasSize(60));
    }

    @Test
    void erasingACustomerRemovesTheirResponsesEverywhere() {
        String a = survey("{\"name\":\"NPS\",\"kind\":\"NPS\"}");
        String b = survey("{\"name\":\"CES\",\"kind\":\"CES\"}");
        as(tenant).body("{\"score\":9,\"customerId\":\"C-1\"}").post("/api/v1/surveys/" + a + "/responses").then().statusCode(201);
        as(tenant).body("{\"score\":2,\"customerId\":\"C-1\"}").post("/api/v1/surveys/" + b + "/responses").then().statusCode(201);
        as(tenant).body("{\"score\":7,\"customerId\":\"C-2\"}").post("/api/v1/surveys/" + a + "/responses").then().statusCode(201);

        as(tenant).delete("/api/v1/surveys/responses?customerId=C-1").then().statusCode(200).body("erased", equalTo(2));
        assertEquals(1, count("SELECT count(*) FROM response WHERE tenant_id = $1", tenant));
        assertEquals(2, outbox("response.deleted").size());
    }

    @Test
    void listingsAndExportsFilterByBandPeriodCommentChannelAndAgent() {
        String id = survey("{\"name\":\"NPS\",\"kind\":\"NPS\"}");
        ndjson(id, String.join("\n",
                "{\"id\":\"P\",\"score\":10,\"channel\":\"chat\",\"agentId\":\"A-1\",\"submittedAt\":\"2026-02-01T10:00:00Z\"}",
                "{\"id\":\"Q\",\"score\":8,\"channel\":\"chat\",\"comment\":\"ok\",\"submittedAt\":\"2026-02-02T10:00:00Z\"}",
                "{\"id\":\"D\",\"score\":2,\"channel\":\"email\",\"agentId\":\"A-1\",\"comment\":\"=HYPERLINK(\\\"x\\\"), slow\","
                        + "\"submittedAt\":\"2026-02-03T10:00:00Z\"}")).then().statusCode(200);
        String list = "/api/v1/surveys/" + id + "/responses";
        as(tenant).get(list + "?category=detractor").then().statusCode(200).body("items.id", equalTo(List.of("D")));
        as(tenant).get(list + "?category=promoter").then().body("items.id", equalTo(List.of("P")));
        as(tenant).get(list + "?hasComment=true&channel=chat").then().body("items.id", equalTo(List.of("Q")));
        as(tenant).get(list + "?agentId=A-1&minScore=3").then().body("items.id", equalTo(List.of("P")));
        as(tenant).get(list + "?from=2026-02-02T00:00:00Z&to=2026-02-03T00:00:00Z").then().body("items.id", equalTo(List.of("Q")));
        as(tenant).get(list + "?category=positive").then().statusCode(400);

        // A page goes out whole (Content-Length); the export streams, line by line, however long.
        as(tenant).get(list).then().statusCode(200).header("Content-Length", org.hamcrest.Matchers.notNullValue())
                .header("Transfer-Encoding", org.hamcrest.Matchers.nullValue());
        String csv = as(tenant).get(list + "/export.csv?hasComment=true").then().statusCode(200)
                .header("Transfer-Encoding", "chunked").header("Content-Length", org.hamcrest.Matchers.nullValue())
                .contentType(startsWith("text/csv")).extract().asString();
        String[] lines = csv.split("\r\n");
        assertEquals(3, lines.length, csv);
        assertTrue(lines[0].startsWith("id,score,comment,"));
        assertTrue(lines[1].startsWith("Q,8,ok,"), lines[1]);
        // A formula-looking comment is quoted so that a spreadsheet shows it instead of running it.
        assertTrue(lines[2].startsWith("D,2,\"'=HYPERLINK(\"\"x\"\"), slow\","), lines[2]);
        as(tenant).get("/api/v1/surveys/" + UUID.randomUUID() + "/responses/export.csv").then().statusCode(404);
    }

    private io.restassured.response.Response ndjson(String surveyId, String body) {
        return given().auth().oauth2(TestTokens.forTenant(tenant)).contentType("application/x-ndjson")
                .body(body.getBytes(StandardCharsets.UTF_8)).post("/api/v1/surveys/" + surveyId + "/responses/import");
    }
}
