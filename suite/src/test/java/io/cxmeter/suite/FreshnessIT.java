package io.cxmeter.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Freshness tells the truth through outages, on the real processes: while metrics-service is down
 * nothing claims the data up to date; once it is back, every answer until the last waiting change is
 * applied says what waits where, and the first "up to date" comes with every change in the metrics.
 * A producer that is down is never taken for one with nothing to deliver. Prints what it injected
 * and how long delivery took to resume and to drain.
 */
class FreshnessIT {

    private static final int TICKETS = 20_000;
    private static final String PERIOD = "from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z";

    private static LocalSuite suite;

    @BeforeAll
    static void start() {
        suite = SuiteApi.startUnlimited("freshness-it");
    }

    @AfterAll
    static void stop() {
        SuiteApi.stop(suite);
    }

    private static Response freshness(String key) {
        return SuiteApi.as(key).get("/api/v1/metrics/freshness");
    }

    private static long volume(String key) {
        Number count = SuiteApi.as(key).get("/api/v1/metrics/ticket-volume?" + PERIOD).then().statusCode(200).extract().path("count");
        return count.longValue();
    }

    @Test
    void freshnessIsNeverClaimedWhileChangesWait() throws Exception {
        String key = SuiteApi.registerTenant(suite);
        freshness(key).then().statusCode(200).body("upToDate", org.hamcrest.Matchers.equalTo(true));

        // metrics-service dies; tickets keep being accepted into ticket-service's outbox.
        suite.kill("metrics-service");
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < TICKETS; i++) {
            file.append("{\"id\":\"F-").append(i).append("\",\"channel\":\"email\",\"createdAt\":\"2026-02-")
                    .append(String.format("%02d", 1 + i % 28)).append("T09:00:00Z\"}\n");
        }
        JsonPath imported = SuiteApi.importFile(key, "/api/v1/tickets/import", file.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(TICKETS, imported.getLong("created"));
        int status = freshness(key).statusCode();
        assertTrue(status >= 500, "with metrics-service down, freshness answers " + status + ", never up to date");
        Thread.sleep(5_000);

        suite.start("metrics-service");
        Instant back = Instant.now();
        Instant resumed = null;
        Instant upToDate = null;
        boolean sawWaiting = false;
        while (upToDate == null && Instant.now().isBefore(back.plus(Duration.ofMinutes(3)))) {
            JsonPath answer = freshness(key).then().statusCode(200).extract().jsonPath();
            long received = answer.getLong("receivedEvents");
            if (resumed == null && received > 0) {
                resumed = Instant.now();
            }
            if (answer.getBoolean("upToDate")) {
                upToDate = Instant.now();
                assertEquals(0, answer.getLong("pendingEvents"));
                assertEquals(TICKETS, volume(key), "up to date, yet not every ticket is in the metrics");
            } else {
                long pending = answer.getLong("pendingEvents");
                assertTrue(pending > 0, "not up to date with nothing waiting: " + answer.prettify());
                assertTrue(answer.getFloat("lagSeconds") >= 5, "the oldest change waited through the outage");
                assertEquals("ticket-service outbox", answer.getString("waiting.find { it.pendingEvents > 0 }.where"));
                sawWaiting = true;
                Thread.sleep(50);
            }
        }
        assertTrue(sawWaiting, "the backlog was seen waiting after the restart");
        assertTrue(upToDate != null, "never up to date again");
        System.out.printf("FreshnessIT: metrics-service killed, %d tickets accepted meanwhile; after its restart delivery"
                + " resumed in %d ms and the backlog was applied in %d ms%n", TICKETS,
                Duration.between(back, resumed).toMillis(), Duration.between(back, upToDate).toMillis());
        assertTrue(Duration.between(back, resumed).toSeconds() <= 3, "delivery resumed within seconds of the restart");

        // A producer that is down cannot vouch for its outbox: not up to date, and said so.
        suite.kill("survey-service");
        JsonPath without = freshness(key).then().statusCode(200).extract().jsonPath();
        assertFalse(without.getBoolean("upToDate"));
        assertFalse(without.getBoolean("waiting.find { it.service == 'survey-service' }.reachable"));
        System.out.println("FreshnessIT: survey-service killed; freshness said " + without.getString("waiting"));
        suite.start("survey-service");
        freshness(key).then().statusCode(200).body("upToDate", org.hamcrest.Matchers.equalTo(true));
    }
}
