package io.cxmeter.suite;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;

/**
 * A history import too large to wait for, through the gateway: it becomes a job, a crash of
 * ticket-service in the middle leaves nothing stored and the job reported failed, and the same
 * file sent again is stored whole and reaches the metrics.
 */
class BulkImportIT {

    private static final int TICKETS = 30_000;
    private static final String FEBRUARY = "from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z";

    private static LocalSuite suite;

    @BeforeAll
    static void startSuite() {
        suite = SuiteApi.startUnlimited("bulk-import-suite");
    }

    @AfterAll
    static void stopSuite() {
        SuiteApi.stop(suite);
    }

    private static byte[] history() {
        StringBuilder file = new StringBuilder();
        for (int n = 1; n <= TICKETS; n++) {
            file.append("{\"id\":\"H-").append(n).append("\",\"channel\":\"").append(n % 2 == 0 ? "email" : "chat")
                    .append("\",\"subject\":\"Question ").append(n).append("\",\"createdAt\":\"2026-02-")
                    .append(String.format("%02d", 1 + n % 28)).append("T08:00:00Z\",\"events\":[{\"type\":\"agent_reply\",")
                    .append("\"at\":\"2026-02-").append(String.format("%02d", 1 + n % 28))
                    .append("T08:30:00Z\",\"agentId\":\"A-").append(n % 40).append("\"}]}\n");
        }
        return file.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aJobCutByACrashStoresNothingAndTheSameFileSentAgainIsStoredWhole() throws InterruptedException {
        String key = SuiteApi.registerTenant(suite);
        byte[] file = history();

        String job = given().header("X-Api-Key", key).contentType("application/x-ndjson").body(file)
                .post("/api/v1/tickets/import").then().statusCode(202).extract().header("Location");
        assertTrue(job.startsWith(suite.gatewayUrl()), "the job's address is the gateway's: " + job);

        // Crash ticket-service once the job writes (its transaction is open, nothing committed).
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        JsonPath state = read(key, job);
        while (!("storing".equals(state.getString("state")) && state.getLong("stored") > 0)) {
            assertTrue(Instant.now().isBefore(deadline), "the job never started writing: " + state.prettify());
            assertTrue(List.of("validating", "storing").contains(state.getString("state")), state.prettify());
            Thread.sleep(100);
            state = read(key, job);
        }
        suite.restart("ticket-service");

        deadline = Instant.now().plus(Duration.ofMinutes(1));
        while (!"failed".equals((state = read(key, job)).getString("state"))) {
            assertTrue(Instant.now().isBefore(deadline), "the cut job was not reported failed: " + state.prettify());
            Thread.sleep(500);
        }
        assertTrue(state.getString("detail").contains("nothing was stored"), state.getString("detail"));
        SuiteApi.as(key).get("/api/v1/tickets?limit=1").then().statusCode(200).body("items", empty());

        JsonPath done = SuiteApi.importFile(key, "/api/v1/tickets/import", file);
        assertEquals(TICKETS, done.getLong("created"));
        assertEquals(TICKETS, done.getLong("stored"));

        // Every imported ticket reaches metrics-service through the outbox.
        deadline = Instant.now().plus(Duration.ofMinutes(3));
        double volume = 0;
        while (volume < TICKETS && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
            Number value = SuiteApi.as(key).get("/api/v1/metrics/ticket-volume?" + FEBRUARY).then().statusCode(200)
                    .extract().path("value");
            volume = value == null ? 0 : value.doubleValue();
        }
        assertEquals(TICKETS, volume, 0.0);
    }

    private static JsonPath read(String key, String job) {
        return given().header("X-Api-Key", key).get(job).then().statusCode(200).extract().jsonPath();
    }
}
