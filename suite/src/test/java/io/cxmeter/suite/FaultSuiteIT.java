package io.cxmeter.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;

/**
 * Faults injected into the real processes, through the gateway; after each, nothing is lost and
 * nothing counted twice, and freshness never claims the data up to date while a change waits.
 * Prints what it injected and what it compared.
 * <ul>
 * <li>metrics-service killed while tickets are accepted: every answer until the backlog is applied
 * says what waits where, and the first "up to date" comes with every ticket in the metrics; a
 * producer that is down is reported, never taken for one with nothing to deliver;</li>
 * <li>survey-service killed in the middle of a response import job: the job is reported failed with
 * nothing stored, and the file sent again is counted exactly once;</li>
 * <li>every database connection of every service dropped while events flow: all arrive, once;</li>
 * <li>the gateway killed and started again: the same answers after as before;</li>
 * <li>survey-service killed while webhook deliveries wait for their retry (the receiver failing):
 * once it is back, each event reaches the receiver, answered with a 2xx exactly once;</li>
 * <li>an alert rule driven below its threshold and back, with the receiver failing at first and
 * metrics-service killed between the two: one firing and one resolution reach the receiver,
 * signed, each answered with a 2xx once.</li>
 * </ul>
 * (ticket-service killed in the middle of an import: BulkImportIT.)
 */
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class FaultSuiteIT {

    private static final int TICKETS = 20_000;
    private static final String PERIOD = "from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z";

    private static LocalSuite suite;

    @BeforeAll
    static void start() {
        suite = SuiteApi.startUnlimited("fault-suite-it");
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
    @org.junit.jupiter.api.Order(1)
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

        // Asked from the moment metrics-service is launched: it may apply the backlog while it warms up,
        // before it reports ready.
        Instant launched = Instant.now();
        java.util.concurrent.CompletableFuture<Instant> ready = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            suite.start("metrics-service");
            return Instant.now();
        });
        Instant resumed = null;
        Instant upToDate = null;
        boolean sawWaiting = false;
        while (upToDate == null && Instant.now().isBefore(launched.plus(Duration.ofMinutes(3)))) {
            Response response = freshness(key);
            if (response.statusCode() != 200) {
                assertTrue(response.statusCode() >= 500, "while metrics-service starts, freshness answers "
                        + response.statusCode() + ", never up to date");
                // Seldom, so that the gateway's breaker (five failures in a row) stays closed.
                Thread.sleep(2_000);
                continue;
            }
            JsonPath answer = response.then().extract().jsonPath();
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
        Instant back = ready.get(3, java.util.concurrent.TimeUnit.MINUTES);
        assertTrue(sawWaiting, "the backlog was seen waiting after the restart");
        assertTrue(upToDate != null, "never up to date again");
        System.out.printf("FaultSuiteIT: metrics-service killed, %d tickets accepted meanwhile; launched again, it was ready"
                + " after %d ms, delivery resumed after %d ms and the backlog was applied after %d ms%n", TICKETS,
                Duration.between(launched, back).toMillis(), Duration.between(launched, resumed).toMillis(),
                Duration.between(launched, upToDate).toMillis());
        assertTrue(Duration.between(back, resumed).toSeconds() <= 3, "delivery resumed within seconds of being ready");

        // A producer that is down cannot vouch for its outbox: not up to date, and said so.
        suite.kill("survey-service");
        JsonPath without = freshness(key).then().statusCode(200).extract().jsonPath();
        assertFalse(without.getBoolean("upToDate"));
        assertFalse(without.getBoolean("waiting.find { it.service == 'survey-service' }.reachable"));
        System.out.println("FaultSuiteIT: survey-service killed; freshness said " + without.getString("waiting"));
        suite.start("survey-service");
        freshness(key).then().statusCode(200).body("upToDate", org.hamcrest.Matchers.equalTo(true));
    }

    /** Polls freshness until up to date; each "up to date" must come with {@code check} true. */
    private static void awaitUpToDate(String key, java.util.function.BooleanSupplier check, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            JsonPath answer = freshness(key).then().statusCode(200).extract().jsonPath();
            if (answer.getBoolean("upToDate")) {
                assertTrue(check.getAsBoolean(), "up to date, yet " + what + " is not in the metrics");
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("never up to date: " + what);
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void aResponseImportCutBySurveyServiceDyingIsStoredOnceWhenSentAgain() throws Exception {
        String key = SuiteApi.registerTenant(suite);
        String survey = SuiteApi.as(key).body("{\"name\":\"Imported NPS\",\"kind\":\"NPS\"}").post("/api/v1/surveys")
                .then().statusCode(201).extract().path("id");
        int responses = 80_000;
        int promoters = 0;
        int detractors = 0;
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < responses; i++) {
            int score = (i * 7) % 11;
            promoters += score >= 9 ? 1 : 0;
            detractors += score <= 6 ? 1 : 0;
            file.append("{\"id\":\"R-").append(i).append("\",\"score\":").append(score)
                    .append(",\"submittedAt\":\"2026-02-").append(String.format("%02d", 1 + i % 28)).append("T10:00:00Z\"}\n");
        }
        byte[] body = file.toString().getBytes(StandardCharsets.UTF_8);
        String path = "/api/v1/surveys/" + survey + "/responses/import";
        String job = io.restassured.RestAssured.given().header("X-Api-Key", key).contentType("application/x-ndjson").body(body)
                .post(path).then().statusCode(202).extract().header("Location");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        JsonPath state = io.restassured.RestAssured.given().header("X-Api-Key", key).get(job).then().extract().jsonPath();
        while (!"storing".equals(state.getString("state")) && !"completed".equals(state.getString("state"))) {
            assertTrue(Instant.now().isBefore(deadline), "the job never started storing: " + state.prettify());
            Thread.sleep(50);
            state = io.restassured.RestAssured.given().header("X-Api-Key", key).get(job).then().extract().jsonPath();
        }
        String injected = state.getString("state");
        suite.kill("survey-service");
        suite.start("survey-service");
        long storedAfterCut = SuiteApi.as(key).get("/api/v1/surveys/" + survey + "/responses?limit=1").then().statusCode(200)
                .extract().jsonPath().getList("items").size();
        JsonPath again = SuiteApi.importFile(key, path, body);
        assertEquals(responses, again.getLong("created") + again.getLong("updated"));
        double nps = 100.0 * (promoters - detractors) / responses;
        awaitUpToDate(key, () -> {
            JsonPath metric = SuiteApi.as(key).get("/api/v1/metrics/nps?surveyId=" + survey + "&" + PERIOD).then().statusCode(200)
                    .extract().jsonPath();
            return metric.getLong("count") == responses && Math.abs(metric.getDouble("value") - nps) < 1e-6;
        }, responses + " responses");
        JsonPath metric = SuiteApi.as(key).get("/api/v1/metrics/nps?surveyId=" + survey + "&" + PERIOD).then().extract().jsonPath();
        assertEquals(responses, metric.getLong("count"), "each response counted once");
        assertEquals(nps, metric.getDouble("value"), 1e-6);
        System.out.printf("FaultSuiteIT: survey-service killed while a %d-response import job was %s (%s stored then);"
                + " sent again: NPS count %d, value %.4f, expected %d and %.4f%n", responses, injected,
                storedAfterCut == 0 ? "nothing" : "some", metric.getLong("count"), metric.getDouble("value"), responses, nps);
    }

    @Test
    @org.junit.jupiter.api.Order(3)
    void droppedDatabaseConnectionsLoseAndDoubleNothing() throws Exception {
        String key = SuiteApi.registerTenant(suite);
        int tickets = 15_000;
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < tickets; i++) {
            file.append("{\"id\":\"D-").append(i).append("\",\"channel\":\"chat\",\"createdAt\":\"2026-02-")
                    .append(String.format("%02d", 1 + i % 28)).append("T11:00:00Z\"}\n");
        }
        suite.kill("metrics-service");
        JsonPath imported = SuiteApi.importFile(key, "/api/v1/tickets/import", file.toString().getBytes(StandardCharsets.UTF_8));
        assertEquals(tickets, imported.getLong("created"));
        suite.start("metrics-service");
        // While the backlog flows, every connection of every service is cut, twice.
        int dropped = 0;
        for (int round = 0; round < 2; round++) {
            Thread.sleep(300);
            try (java.sql.Connection admin = java.sql.DriverManager.getConnection(suite.postgres().jdbcUrl("postgres"),
                    suite.postgres().username(), suite.postgres().password());
                    java.sql.ResultSet killed = admin.createStatement().executeQuery(
                            "SELECT count(*) FILTER (WHERE pg_terminate_backend(pid)) FROM pg_stat_activity"
                                    + " WHERE datname IN ('survey', 'ticket', 'metrics', 'gateway') AND pid <> pg_backend_pid()")) {
                killed.next();
                dropped += killed.getInt(1);
            }
        }
        awaitUpToDate(key, () -> volume(key) == tickets, tickets + " tickets");
        assertEquals(tickets, volume(key), "each ticket counted once");
        System.out.printf("FaultSuiteIT: %d database connections dropped while %d tickets were delivered; ticket volume %d,"
                + " expected %d%n", dropped, tickets, volume(key), tickets);
        assertTrue(dropped > 0, "connections were dropped");
    }

    @Test
    @org.junit.jupiter.api.Order(4)
    void theGatewayRestartedAnswersTheSame() throws Exception {
        String key = SuiteApi.registerTenant(suite);
        StringBuilder file = new StringBuilder();
        for (int i = 0; i < 500; i++) {
            file.append("{\"id\":\"G-").append(i).append("\",\"channel\":\"email\",\"createdAt\":\"2026-02-10T09:00:00Z\"}\n");
        }
        SuiteApi.importFile(key, "/api/v1/tickets/import", file.toString().getBytes(StandardCharsets.UTF_8));
        awaitUpToDate(key, () -> volume(key) == 500, "500 tickets");
        String before = SuiteApi.as(key).get("/api/v1/metrics/ticket-volume?" + PERIOD + "&groupBy=channel").then().statusCode(200)
                .extract().asString();
        suite.kill("gateway");
        suite.start("gateway");
        String after = SuiteApi.as(key).get("/api/v1/metrics/ticket-volume?" + PERIOD + "&groupBy=channel").then().statusCode(200)
                .extract().asString();
        assertEquals(before, after);
        freshness(key).then().statusCode(200).body("upToDate", org.hamcrest.Matchers.equalTo(true));
        System.out.println("FaultSuiteIT: gateway killed and started again; the API key still works and ticket volume by"
                + " channel is the same: " + after);
    }

    @Test
    @org.junit.jupiter.api.Order(5)
    void webhooksWaitingForARetryOutliveSurveyServiceDying() throws Exception {
        WireMockServer receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        receiver.start();
        try {
            receiver.stubFor(WireMock.post("/hooks").willReturn(WireMock.aResponse().withStatus(503)));
            String key = SuiteApi.registerTenant(suite);
            JsonPath endpoint = SuiteApi.as(key).body("{\"url\":\"http://127.0.0.1:" + receiver.port() + "/hooks\","
                    + "\"eventTypes\":[\"response.created\",\"response.negative\"]}").post("/api/v1/webhooks/endpoints")
                    .then().statusCode(201).extract().jsonPath();
            String deliveries = "/api/v1/webhooks/endpoints/" + endpoint.getString("endpoint.id") + "/deliveries";
            String survey = SuiteApi.as(key).body("{\"name\":\"NPS\",\"kind\":\"NPS\"}").post("/api/v1/surveys")
                    .then().statusCode(201).extract().path("id");
            int[] scores = { 2, 10, 5 };
            for (int i = 0; i < scores.length; i++) {
                SuiteApi.as(key).body("{\"id\":\"W-" + i + "\",\"score\":" + scores[i] + "}")
                        .post("/api/v1/surveys/" + survey + "/responses").then().statusCode(201);
            }
            int messages = 5; // three answers created, two of them negative
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            JsonPath log = SuiteApi.as(key).get(deliveries).then().statusCode(200).extract().jsonPath();
            while (log.getList("items").size() < messages || log.getList("items.attempts", Integer.class).contains(0)) {
                assertTrue(Instant.now().isBefore(deadline), "the first tries never happened: " + log.prettify());
                Thread.sleep(100);
                log = SuiteApi.as(key).get(deliveries).then().statusCode(200).extract().jsonPath();
            }
            suite.kill("survey-service");
            receiver.stubFor(WireMock.post("/hooks").willReturn(WireMock.aResponse().withStatus(200)));
            suite.start("survey-service");
            deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (!log.getList("items.status").stream().allMatch("succeeded"::equals)) {
                assertTrue(Instant.now().isBefore(deadline), "not all delivered after the restart: " + log.prettify());
                Thread.sleep(250);
                log = SuiteApi.as(key).get(deliveries).then().statusCode(200).extract().jsonPath();
            }
            List<ServeEvent> served = receiver.getAllServeEvents();
            Map<String, Long> successes = served.stream().filter(event -> event.getResponse().getStatus() == 200)
                    .collect(Collectors.groupingBy(event -> event.getRequest().getHeader("webhook-id"), Collectors.counting()));
            assertEquals(messages, successes.size(), "every event arrived");
            assertTrue(successes.values().stream().allMatch(count -> count == 1), "each answered 2xx once: " + successes);
            String secret = endpoint.getString("secret");
            assertTrue(served.stream().allMatch(event -> StandardWebhooks.verifies(secret, event.getRequest().getHeader("webhook-id"),
                    event.getRequest().getHeader("webhook-timestamp"), event.getRequest().getBodyAsString(),
                    event.getRequest().getHeader("webhook-signature"))), "every try signed with the endpoint's secret");
            System.out.printf("FaultSuiteIT: survey-service killed while %d webhook messages waited for a retry (receiver"
                    + " answering 503); after the restart the receiver took each once (%d requests in all)%n", messages,
                    served.size());
        } finally {
            receiver.stop();
        }
    }

    @Test
    @org.junit.jupiter.api.Order(6)
    void anAlertFiresAndResolvesOnceThroughAFailingReceiverAndAMetricsServiceRestart() throws Exception {
        WireMockServer receiver = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        receiver.start();
        try {
            receiver.stubFor(WireMock.post("/alerts").willReturn(WireMock.aResponse().withStatus(503)));
            String key = SuiteApi.registerTenant(suite);
            String secret = SuiteApi.as(key).body("{\"url\":\"http://127.0.0.1:" + receiver.port() + "/alerts\","
                    + "\"eventTypes\":[\"alert.fired\",\"alert.resolved\"]}").post("/api/v1/webhooks/endpoints")
                    .then().statusCode(201).extract().path("secret");
            String survey = SuiteApi.as(key).body("{\"name\":\"CSAT\",\"kind\":\"CSAT\"}").post("/api/v1/surveys")
                    .then().statusCode(201).extract().path("id");
            String rule = "/api/v1/alerts/rules/" + SuiteApi.as(key).body("{\"name\":\"CSAT last hour\",\"metric\":\"csat\","
                    + "\"window\":\"PT1H\",\"condition\":\"below\",\"threshold\":80,\"recoverAt\":90,\"minSample\":4}")
                    .post("/api/v1/alerts/rules").then().statusCode(201).extract().path("id");

            answer(key, survey, 0, 5, 1); // 5 answers of 1 on 1-5: CSAT 0
            awaitAlertEvents(key, rule, 1);
            awaitServed(receiver, 1);
            receiver.stubFor(WireMock.post("/alerts").willReturn(WireMock.aResponse().withStatus(200)));

            suite.kill("metrics-service");
            answer(key, survey, 5, 20, 5); // 20 of 5: CSAT 80, not yet back at 90
            suite.start("metrics-service");
            awaitUpToDate(key, () -> true, "the answers");
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            while (!Double.valueOf(80.0).equals(SuiteApi.as(key).get(rule).then().statusCode(200).extract().jsonPath()
                    .getDouble("states[0].value"))) {
                assertTrue(Instant.now().isBefore(deadline), "the rule never saw CSAT 80");
                Thread.sleep(250);
            }
            answer(key, survey, 25, 25, 5); // 45 of 50 positive: CSAT 90, resolved
            awaitAlertEvents(key, rule, 2);
            deadline = Instant.now().plus(Duration.ofSeconds(60));
            while (receiver.getAllServeEvents().stream().filter(event -> event.getResponse().getStatus() == 200).count() < 2) {
                assertTrue(Instant.now().isBefore(deadline), "not both delivered");
                Thread.sleep(250);
            }

            List<ServeEvent> served = receiver.getAllServeEvents();
            Map<String, Long> successes = served.stream().filter(event -> event.getResponse().getStatus() == 200)
                    .collect(Collectors.groupingBy(event -> new JsonPath(event.getRequest().getBodyAsString()).getString("type")
                            + " " + event.getRequest().getHeader("webhook-id"), Collectors.counting()));
            assertEquals(2, successes.size(), "one firing and one resolution: " + successes.keySet());
            assertTrue(successes.values().stream().allMatch(count -> count == 1), "each answered 2xx once: " + successes);
            assertTrue(served.stream().allMatch(event -> StandardWebhooks.verifies(secret, event.getRequest().getHeader("webhook-id"),
                    event.getRequest().getHeader("webhook-timestamp"), event.getRequest().getBodyAsString(),
                    event.getRequest().getHeader("webhook-signature"))), "every try signed with the endpoint's secret");
            JsonPath events = SuiteApi.as(key).get(rule + "/events").then().statusCode(200).extract().jsonPath();
            assertEquals(List.of("alert.resolved", "alert.fired"), events.getList("type"));
            assertEquals(0.0, events.getDouble("[1].data.value"));
            assertEquals(90.0, events.getDouble("[0].data.value"));
            System.out.printf("FaultSuiteIT: alert rule CSAT < 80 (well again at 90) driven to 0, 80 across a metrics-service"
                    + " kill, then 90; receiver failing at first: %d requests, one firing and one resolution delivered once%n",
                    served.size());
        } finally {
            receiver.stop();
        }
    }

    /** {@code count} answers with {@code score}, ids from {@code first}, given now. */
    private static void answer(String key, String survey, int first, int count, int score) {
        for (int i = first; i < first + count; i++) {
            SuiteApi.as(key).body("{\"id\":\"A-" + i + "\",\"score\":" + score + "}")
                    .post("/api/v1/surveys/" + survey + "/responses").then().statusCode(201);
        }
    }

    private static void awaitAlertEvents(String key, String rule, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (SuiteApi.as(key).get(rule + "/events").then().statusCode(200).extract().jsonPath().getList("$").size() < count) {
            assertTrue(Instant.now().isBefore(deadline), "the rule never told its event " + count);
            Thread.sleep(250);
        }
    }

    private static void awaitServed(WireMockServer receiver, int count) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (receiver.getAllServeEvents().size() < count) {
            assertTrue(Instant.now().isBefore(deadline), "the receiver was never called");
            Thread.sleep(100);
        }
    }
}
