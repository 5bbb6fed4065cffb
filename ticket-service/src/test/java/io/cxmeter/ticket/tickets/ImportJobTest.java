package io.cxmeter.ticket.tickets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.cxmeter.testing.ImportJobs;
import io.cxmeter.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Imports that run as jobs: answered with 202 at once, followed to completed or failed, never half-applied. */
@QuarkusTest
class ImportJobTest {

    @Inject
    Pool pool;

    private final String tenant = "tenant-" + UUID.randomUUID();

    private RequestSpecification as(String who) {
        return given().auth().oauth2(TestTokens.forTenant(who));
    }

    static String ticket(int n) {
        return "{\"id\":\"J-" + n + "\",\"channel\":\"email\",\"subject\":\"Order " + n
                + "\",\"createdAt\":\"2026-02-03T08:00:00Z\",\"events\":[{\"type\":\"agent_reply\",\"at\":\"2026-02-03T08:10:00Z\","
                + "\"agentId\":\"A-" + (n % 7) + "\"},{\"type\":\"status\",\"at\":\"2026-02-03T09:00:00Z\",\"status\":\"resolved\"}]}";
    }

    static String tickets(int count) {
        StringBuilder file = new StringBuilder();
        for (int n = 1; n <= count; n++) {
            file.append(ticket(n)).append('\n');
        }
        return file.toString();
    }

    private long stored() {
        return pool.preparedQuery("SELECT count(*) FROM ticket WHERE tenant_id = $1").execute(Tuple.of(tenant))
                .await().indefinitely().iterator().next().getLong(0);
    }

    private JsonPath awaitEnd(String location) {
        return ImportJobs.awaitEnd(() -> as(tenant), location);
    }

    private Response post(String body, boolean async) {
        RequestSpecification request = as(tenant).contentType("application/x-ndjson")
                .body(body.getBytes(StandardCharsets.UTF_8));
        if (async) {
            request = request.header("Prefer", "respond-async");
        }
        return request.post("/api/v1/tickets/import");
    }

    @Test
    void aFileOverTheInlineLimitIsAcceptedAsAJobAndCompletes() {
        String file = tickets(20_000);
        assertTrue(file.length() > 4 << 20, "the file must be larger than the inline limit");

        Response accepted = post(file, false);
        accepted.then().statusCode(202)
                .header("Location", containsString("/api/v1/tickets/import/jobs/"))
                .body("kind", equalTo("tickets"))
                .body("state", equalTo("validating"))
                .body("bytes", equalTo(file.getBytes(StandardCharsets.UTF_8).length));
        String location = accepted.header("Location");

        JsonPath job = awaitEnd(location);
        assertEquals("completed", job.getString("state"), job.prettify());
        assertEquals(20_000, job.getLong("linesRead"));
        assertEquals(20_000, job.getLong("valid"));
        assertEquals(0, job.getLong("invalid"));
        assertEquals(20_000, job.getLong("created"));
        assertEquals(0, job.getLong("updated"));
        assertEquals(20_000, job.getLong("stored"));
        assertTrue(job.getString("finishedAt") != null);
        assertEquals(20_000, stored());
        as(tenant).get("/api/v1/tickets/J-19999").then().statusCode(200).body("subject", equalTo("Order 19999"));
    }

    @Test
    void aBadLineNearTheEndFailsTheJobWithItsLineAndStoresNothing() {
        String file = tickets(3_000) + "{\"id\":\"J-late\",\"channel\":\"fax\",\"createdAt\":\"2026-02-03T08:00:00Z\"}\n"
                + ticket(42) + "\n";
        String location = post(file, true).then().statusCode(202).extract().header("Location");

        JsonPath job = awaitEnd(location);
        assertEquals("failed", job.getString("state"));
        assertEquals(3_002, job.getLong("linesRead"));
        assertEquals(3_000, job.getLong("valid"));
        assertEquals(2, job.getLong("invalid"));
        assertEquals(3_001, job.getInt("errors[0].line"));
        assertTrue(job.getString("errors[0].error").contains("channel 'fax'"), job.prettify());
        assertEquals(3_002, job.getInt("errors[1].line"));
        assertTrue(job.getString("errors[1].error").contains("also on line 42"), job.prettify());
        assertTrue(job.getString("detail").contains("nothing was imported"), job.getString("detail"));
        assertEquals(0, job.getLong("stored"));
        assertEquals(0, stored());
    }

    @Test
    void aSmallFileStillAnswersAtOnce() {
        post(tickets(3), false).then().statusCode(200).body("created", equalTo(3));
        assertEquals(3, stored());
    }

    @Test
    void aFileWithManyBadLinesListsTheFirstHundredAndCountsThemAll() {
        StringBuilder file = new StringBuilder();
        for (int n = 1; n <= 250; n++) {
            file.append("{\"id\":\"B-").append(n).append("\",\"channel\":\"pigeon\",\"createdAt\":\"2026-02-03T08:00:00Z\"}\n");
        }
        post(file.toString(), false).then().statusCode(422)
                .contentType("application/problem+json")
                .body("detail", containsString("250 lines are invalid"))
                .body("detail", containsString("The first 100 problems are listed"))
                .body("errors", hasSize(100))
                .body("errors[99].line", equalTo(100));
    }

    @Test
    void aLineLongerThanOneMegabyteIsReportedNotRead() {
        String huge = "{\"id\":\"H-1\",\"channel\":\"email\",\"subject\":\"" + "x".repeat(1_100_000)
                + "\",\"createdAt\":\"2026-02-03T08:00:00Z\"}";
        post(ticket(1) + "\n" + huge + "\n" + ticket(2), false).then().statusCode(422)
                .body("errors", hasSize(1))
                .body("errors[0].line", equalTo(2))
                .body("errors[0].error", containsString("longer than 1 MB"));
        assertEquals(0, stored());
    }

    @Test
    void aJobIsVisibleToItsTenantOnly() {
        String location = post(tickets(2), true).then().statusCode(202).extract().header("Location");
        awaitEnd(location);
        as("tenant-" + UUID.randomUUID()).get(location).then().statusCode(404)
                .contentType("application/problem+json");
        as(tenant).get("/api/v1/tickets/import/jobs/" + UUID.randomUUID()).then().statusCode(404);
        as(tenant).get("/api/v1/customers/import/jobs/" + location.substring(location.lastIndexOf('/') + 1))
                .then().statusCode(404);
    }

    @Test
    void aJobWhoseServiceStoppedIsReportedFailedNotRunning() {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("""
                INSERT INTO import_job (id, tenant_id, kind, state, bytes, lines_read, submitted_at, heartbeat_at)
                VALUES ($1, $2, 'tickets', 'storing', 1000, 10, now() - interval '5 minutes', now() - interval '2 minutes')""")
                .execute(Tuple.of(id, tenant)).await().indefinitely();

        as(tenant).get("/api/v1/tickets/import/jobs/" + id).then().statusCode(200)
                .body("state", equalTo("failed"))
                .body("detail", containsString("nothing was stored"))
                .body("finishedAt", notNullValue());
    }

    @Test
    void eventsOfAJobCarryTheTimeZoneOfTheRequestThatStartedIt() {
        String location = given().auth().oauth2(TestTokens.forTenantInZone(tenant, "Asia/Tokyo"))
                .contentType("application/x-ndjson").header("Prefer", "respond-async")
                .body(tickets(5).getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/tickets/import").then().statusCode(202).extract().header("Location");
        assertEquals("completed", awaitEnd(location).getString("state"));

        var zones = pool.preparedQuery("SELECT DISTINCT zone FROM outbox_event WHERE tenant_id = $1")
                .execute(Tuple.of(tenant)).await().indefinitely();
        assertEquals(1, zones.size());
        assertEquals("Asia/Tokyo", zones.iterator().next().getString(0));
    }

    @Test
    void aTicketCalledImportsKeepsItsPaths() {
        as(tenant).contentType("application/json")
                .body("{\"id\":\"imports\",\"channel\":\"chat\"}")
                .post("/api/v1/tickets").then().statusCode(201)
                .header("Location", endsWith("/api/v1/tickets/imports"));
        as(tenant).get("/api/v1/tickets/imports").then().statusCode(200).body("id", equalTo("imports"));
    }
}
