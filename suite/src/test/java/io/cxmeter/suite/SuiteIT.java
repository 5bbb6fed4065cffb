package io.cxmeter.suite;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * The real suite, as {@code ./run-suite.sh} starts it: four packaged applications on an embedded
 * PostgreSQL, every request through the gateway.
 */
class SuiteIT {

    private static LocalSuite suite;

    @BeforeAll
    static void startSuite() {
        Path root = Path.of(System.getProperty("cxmeter.repo-root", ".."));
        Path work = Path.of(System.getProperty("cxmeter.suite.work-dir", "target/suite-it"));
        suite = LocalSuite.start(LocalSuite.Options.onFreePorts(root, work));
        RestAssured.baseURI = suite.gatewayUrl();
    }

    @AfterAll
    static void stopSuite() {
        if (suite != null) {
            suite.close();
        }
        RestAssured.reset();
    }

    private static String registerTenant() {
        return SuiteApi.registerTenant(suite);
    }

    private static RequestSpecification as(String apiKey) {
        return SuiteApi.as(apiKey);
    }

    @Test
    void everyPartIsHealthyOnItsManagementPortAndTheApiPortServesNoHealthOrMetrics() {
        for (String module : List.of("gateway", "survey-service", "ticket-service", "metrics-service")) {
            given().get(suite.managementUrl(module) + "/q/health").then().statusCode(200).body("status", equalTo("UP"));
            given().get(suite.managementUrl(module) + "/q/metrics").then().statusCode(200);
        }
        given().get("/q/health").then().statusCode(404);
        given().get("/q/metrics").then().statusCode(404);
    }

    @Test
    void unauthenticatedRequestsGetProblemJson401() {
        given().get("/api/v1/surveys")
                .then().statusCode(401)
                .contentType(startsWith("application/problem+json"))
                .body("status", equalTo(401));
    }

    @Test
    void surveysAreTenantScopedEndToEnd() {
        String a = registerTenant();
        String b = registerTenant();

        String id = as(a).body("{\"name\":\"After-call NPS\",\"kind\":\"NPS\"}")
                .post("/api/v1/surveys")
                .then().statusCode(201)
                .header("Location", startsWith(suite.gatewayUrl() + "/api/v1/surveys/"))
                .extract().path("id");

        as(a).get("/api/v1/surveys/" + id).then().statusCode(200).body("kind", equalTo("NPS"));
        as(b).get("/api/v1/surveys/" + id)
                .then().statusCode(404)
                .contentType(startsWith("application/problem+json"));
        as(b).get("/api/v1/surveys").then().statusCode(200).body("items", empty());
    }

    @Test
    void agentsAreTenantScopedEndToEnd() {
        String a = registerTenant();
        String b = registerTenant();

        as(a).body("{\"id\":\"A-3\",\"name\":\"Rūta\"}").post("/api/v1/agents").then().statusCode(201);

        as(a).get("/api/v1/agents").then().body("items.id", contains("A-3"));
        as(b).get("/api/v1/agents/A-3").then().statusCode(404);
        as(b).get("/api/v1/agents").then().body("items", empty());
    }

    @Test
    void metricsFreshnessIsTenantScopedEndToEnd() {
        String a = registerTenant();
        as(a).get("/api/v1/metrics/freshness").then().statusCode(200).body("receivedEvents", equalTo(0));
    }

    @Test
    void importedHistoryBecomesMetricsThroughTheOutbox() throws InterruptedException {
        String key = registerTenant();
        ndjson(key, "/api/v1/tickets/import",
                "{\"id\":\"T-1\",\"channel\":\"email\",\"customerId\":\"C-1\",\"createdAt\":\"2026-02-03T08:00:00Z\","
                        + "\"events\":[{\"type\":\"agent_reply\",\"at\":\"2026-02-03T08:30:00Z\",\"agentId\":\"A-1\"}]}",
                "{\"id\":\"T-2\",\"channel\":\"call\",\"createdAt\":\"2026-02-03T09:00:00Z\",\"events\":"
                        + "[{\"type\":\"blocked\",\"at\":\"2026-02-03T09:00:00Z\"}]}");
        ndjson(key, "/api/v1/customers/import",
                "{\"id\":\"C-1\",\"since\":\"2025-01-01T00:00:00Z\",\"purchases\":[{\"amount\":40,\"at\":\"2026-02-10T00:00:00Z\"}]}",
                "{\"id\":\"C-2\",\"since\":\"2025-01-01T00:00:00Z\",\"churnedAt\":\"2026-02-20T00:00:00Z\"}");
        String scorecard = as(key).body("{\"name\":\"QA\",\"categories\":[{\"name\":\"Tone\",\"weight\":1,\"maxPoints\":4,"
                + "\"critical\":false}]}").post("/api/v1/scorecards").then().statusCode(201).extract().path("id");
        ndjson(key, "/api/v1/reviews/import", "{\"id\":\"Q-1\",\"scorecardId\":\"" + scorecard + "\",\"ticketId\":\"T-1\","
                + "\"agentId\":\"A-1\",\"reviewer\":\"A-9\",\"createdAt\":\"2026-02-04T10:00:00Z\",\"ratings\":{\"Tone\":3}}");

        int received = 0;
        for (int attempt = 0; attempt < 100 && received < 5; attempt++) {
            received = as(key).get("/api/v1/metrics/freshness").then().statusCode(200).extract().path("receivedEvents");
            Thread.sleep(200);
        }
        org.junit.jupiter.api.Assertions.assertEquals(5, received, "every change reached metrics-service");

        String february = "from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z";
        as(key).get("/api/v1/metrics/ticket-volume?" + february + "&groupBy=channel").then().statusCode(200)
                .body("value", equalTo(2.0f)).body("groups.key", contains("call", "email"));
        as(key).get("/api/v1/metrics/first-response-time?" + february).then().body("value", equalTo(1800.0f));
        as(key).get("/api/v1/metrics/blocks?" + february).then().body("value", equalTo(1.0f));
        // C-2 of the two customers active on Feb 1 churned: 50 %; the review scored 3 of 4 points.
        as(key).get("/api/v1/metrics/churn-rate?" + february).then().body("value", equalTo(50.0f));
        as(key).get("/api/v1/metrics/iqs?" + february).then().body("value", equalTo(75.0f));
    }

    @Test
    void businessHoursReMeasureStoredTicketsAndFreshnessWaitsUntilTheyAre() throws InterruptedException {
        String key = registerTenant();
        // T-1: Monday 08:00 to 10:00. T-2: Friday 16:00 to Monday 09:30 (235,800 s).
        ndjson(key, "/api/v1/tickets/import",
                "{\"id\":\"T-1\",\"channel\":\"email\",\"createdAt\":\"2026-03-02T08:00:00Z\","
                        + "\"events\":[{\"type\":\"agent_reply\",\"at\":\"2026-03-02T10:00:00Z\",\"agentId\":\"A-1\"}]}",
                "{\"id\":\"T-2\",\"channel\":\"email\",\"createdAt\":\"2026-03-06T16:00:00Z\","
                        + "\"events\":[{\"type\":\"agent_reply\",\"at\":\"2026-03-09T09:30:00Z\",\"agentId\":\"A-1\"}]}");
        String frt = "/api/v1/metrics/first-response-time?from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z&clock=";
        float calendar = (7200 + 235800) / 2f;
        awaitValue(key, frt + "business", calendar);
        // Without business hours every hour counts.
        as(key).get(frt + "calendar").then().body("value", equalTo(calendar));

        // Weekdays 09:00–17:00 UTC: T-1 09:00–10:00, T-2 Friday 16:00–17:00 and Monday 09:00–09:30.
        as(key).body("{\"timeZone\":\"UTC\",\"schedule\":{\"monday\":[{\"start\":\"09:00\",\"end\":\"17:00\"}],"
                + "\"friday\":[{\"start\":\"09:00\",\"end\":\"17:00\"}]}}").put("/api/v1/business-hours")
                .then().statusCode(200);
        awaitValue(key, frt + "business", (3600 + 5400) / 2f);
        as(key).get(frt + "calendar").then().body("value", equalTo(calendar));
    }

    @Test
    void slaPoliciesAreMeasuredAndTargetsAtRiskListedThroughTheGateway() throws InterruptedException {
        String key = registerTenant();
        as(key).body("{\"name\":\"Standard\",\"firstReply\":3600,\"resolution\":86400}").post("/api/v1/sla-policies")
                .then().statusCode(201);
        String recent = java.time.Instant.now().minusSeconds(600).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        // T-1 answered in 30 min (met), T-2 in 2 h (breached at 10:00); neither resolved within a day (two breaches
        // on 3 March). T-3, opened 10 minutes ago and not answered, breaches within the hour.
        ndjson(key, "/api/v1/tickets/import",
                "{\"id\":\"T-1\",\"channel\":\"email\",\"priority\":\"high\",\"tags\":[\"vip\"],"
                        + "\"createdAt\":\"2026-03-02T09:00:00Z\","
                        + "\"events\":[{\"type\":\"agent_reply\",\"at\":\"2026-03-02T09:30:00Z\",\"agentId\":\"A-1\"}]}",
                "{\"id\":\"T-2\",\"channel\":\"email\",\"priority\":\"low\",\"createdAt\":\"2026-03-02T09:00:00Z\","
                        + "\"events\":[{\"type\":\"agent_reply\",\"at\":\"2026-03-02T11:00:00Z\",\"agentId\":\"A-1\"}]}",
                "{\"id\":\"T-3\",\"channel\":\"chat\",\"createdAt\":\"" + recent + "\"}");
        String march = "from=2026-03-01T00:00:00Z&to=2026-04-01T00:00:00Z";
        awaitValue(key, "/api/v1/metrics/sla-achievement?" + march, 25f);
        // By priority: T-1 (high) met its first reply and breached its resolution, T-2 (low) breached both.
        as(key).get("/api/v1/metrics/sla-achievement?" + march + "&groupBy=priority").then().statusCode(200)
                .body("groups.key", contains("high", "low")).body("groups.value", contains(50.0f, 0.0f));
        // Only the tickets tagged vip: T-1's 30 minutes.
        as(key).get("/api/v1/metrics/first-response-time?" + march + "&tag=vip").then().statusCode(200)
                .body("value", equalTo(1800.0f)).body("count", equalTo(1));
        as(key).get("/api/v1/metrics/sla-at-risk?within=3600").then().statusCode(200)
                .body("ticketId", contains("T-3")).body("[0].target", equalTo("firstReply"));
    }

    /**
     * Waits until the metric answers {@code expected} and checks freshness on the way: once it says up to
     * date, the answer must already be the expected one.
     */
    private static void awaitValue(String key, String path, float expected) throws InterruptedException {
        Float value = null;
        for (int attempt = 0; attempt < 150; attempt++) {
            boolean upToDate = as(key).get("/api/v1/metrics/freshness").then().statusCode(200).extract().path("upToDate");
            value = as(key).get(path).then().statusCode(200).extract().path("value");
            if (upToDate) {
                org.junit.jupiter.api.Assertions.assertEquals(expected, value, "freshness said up to date: " + path);
                return;
            }
            Thread.sleep(200);
        }
        org.junit.jupiter.api.Assertions.fail("never up to date; last " + path + " = " + value);
    }

    @Test
    void surveyResponsesBecomeSurveyMetrics() throws InterruptedException {
        String key = registerTenant();
        String survey = as(key).body("{\"name\":\"After-call NPS\",\"kind\":\"NPS\"}").post("/api/v1/surveys")
                .then().statusCode(201).extract().path("id");
        ndjson(key, "/api/v1/surveys/" + survey + "/responses/import",
                "{\"id\":\"R-1\",\"score\":10,\"submittedAt\":\"2026-02-03T08:20:00Z\",\"channel\":\"call\"}",
                "{\"id\":\"R-2\",\"score\":9,\"submittedAt\":\"2026-02-03T09:20:00Z\",\"channel\":\"email\"}",
                "{\"id\":\"R-3\",\"score\":3,\"submittedAt\":\"2026-02-04T09:20:00Z\",\"channel\":\"email\"}");
        as(key).header("Idempotency-Key", "once").body("{\"score\":7,\"submittedAt\":\"2026-02-05T10:00:00Z\"}")
                .post("/api/v1/surveys/" + survey + "/responses").then().statusCode(201);
        as(key).header("Idempotency-Key", "once").body("{\"score\":7,\"submittedAt\":\"2026-02-05T10:00:00Z\"}")
                .post("/api/v1/surveys/" + survey + "/responses").then().statusCode(200);

        int received = 0;
        for (int attempt = 0; attempt < 100 && received < 4; attempt++) {
            received = as(key).get("/api/v1/metrics/freshness").then().statusCode(200).extract().path("receivedEvents");
            Thread.sleep(200);
        }
        org.junit.jupiter.api.Assertions.assertEquals(4, received, "every response reached metrics-service once");
        // Promoters 10, 9; detractor 3; passive 7: NPS = 100 * (2 - 1) / 4.
        as(key).get("/api/v1/metrics/nps?from=2026-02-01T00:00:00Z&to=2026-03-01T00:00:00Z&groupBy=channel")
                .then().statusCode(200).body("value", equalTo(25.0f)).body("count", equalTo(4))
                .body("groups.key", contains("call", "email", null));
    }

    @Test
    void aNegativeResponseOpensAFollowUpTicket() throws InterruptedException {
        String key = registerTenant();
        String survey = as(key).body("{\"name\":\"After-chat CSAT\",\"kind\":\"CSAT\",\"followUp\":true}")
                .post("/api/v1/surveys").then().statusCode(201).extract().path("id");
        as(key).body("{\"id\":\"R-9\",\"score\":2,\"customerId\":\"C-9\",\"channel\":\"chat\"}")
                .post("/api/v1/surveys/" + survey + "/responses").then().statusCode(201);

        String ticket = null;
        for (int attempt = 0; attempt < 100 && ticket == null; attempt++) {
            ticket = as(key).get("/api/v1/surveys/" + survey + "/responses/R-9").then().statusCode(200)
                    .extract().path("followUpTicketId");
            Thread.sleep(200);
        }
        org.junit.jupiter.api.Assertions.assertEquals("followup-" + survey + ":R-9", ticket);
        as(key).get("/api/v1/tickets/" + ticket).then().statusCode(200)
                .body("channel", equalTo("chat")).body("customerId", equalTo("C-9"));
    }

    @Test
    void aCustomerWonBackAfterAResolvedFollowUpCountsInTheRecoveryRate() throws InterruptedException {
        String key = registerTenant();
        java.time.Instant from = java.time.Instant.now().minus(java.time.Duration.ofHours(1));
        String survey = as(key).body("{\"name\":\"After-chat CSAT\",\"kind\":\"CSAT\",\"followUp\":true}")
                .post("/api/v1/surveys").then().statusCode(201).extract().path("id");
        // C-1 complains, is followed up and answers happily; C-2 complains, is followed up and stays unhappy.
        for (String customer : List.of("C-1", "C-2")) {
            as(key).body("{\"id\":\"R-" + customer + "\",\"score\":1,\"customerId\":\"" + customer + "\",\"channel\":\"chat\"}")
                    .post("/api/v1/surveys/" + survey + "/responses").then().statusCode(201);
        }
        for (String customer : List.of("C-1", "C-2")) {
            String followUp = survey + ":R-" + customer;
            for (int attempt = 0; attempt < 100 && as(key).get("/api/v1/follow-ups/" + followUp).statusCode() != 200; attempt++) {
                Thread.sleep(200);
            }
            as(key).body("{\"status\":\"resolved\"}").patch("/api/v1/follow-ups/" + followUp).then().statusCode(200);
        }
        Thread.sleep(1100); // the next answers come after the resolutions, to the second
        as(key).body("{\"id\":\"R-C-1-again\",\"score\":5,\"customerId\":\"C-1\",\"channel\":\"chat\"}")
                .post("/api/v1/surveys/" + survey + "/responses").then().statusCode(201);
        as(key).body("{\"id\":\"R-C-2-again\",\"score\":2,\"customerId\":\"C-2\",\"channel\":\"chat\"}")
                .post("/api/v1/surveys/" + survey + "/responses").then().statusCode(201);

        String period = "from=" + from + "&to=" + java.time.Instant.now().plus(java.time.Duration.ofHours(1));
        Integer count = null;
        for (int attempt = 0; attempt < 100 && !Integer.valueOf(2).equals(count); attempt++) {
            Thread.sleep(200);
            count = as(key).get("/api/v1/metrics/recovery-rate?" + period).then().statusCode(200).extract().path("count");
        }
        // Both followed up and answered again; one positively: 50.
        as(key).get("/api/v1/metrics/recovery-rate?" + period).then().statusCode(200)
                .body("value", equalTo(50.0f)).body("count", equalTo(2)).body("details.recovered", equalTo(1));
    }

    @Test
    void anEmailRatingLinkRecordsTheScoreWhenPostedNeverOnAPlainFetch() throws InterruptedException {
        String key = registerTenant();
        String survey = as(key).body("{\"name\":\"E-mail CSAT\",\"kind\":\"CSAT\"}").post("/api/v1/surveys")
                .then().statusCode(201).extract().path("id");
        java.util.List<String> links = as(key).body("{\"customerId\":\"C-1\",\"locale\":\"de\"}")
                .post("/api/v1/surveys/" + survey + "/invitations").then().statusCode(201).extract().path("links.url");
        org.junit.jupiter.api.Assertions.assertTrue(links.get(0).startsWith(suite.gatewayUrl() + "/r/"), links.get(0));

        // A mail scanner fetches every link, in any order and without running scripts: nothing is recorded.
        for (String link : links) {
            given().head(link).then().statusCode(200);
            given().get(link).then().statusCode(200)
                    .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("script-src 'self'"))
                    .body(org.hamcrest.Matchers.containsString("/widget/v1/rating.js"));
        }
        as(key).get("/api/v1/surveys/" + survey + "/responses").then().body("items", org.hamcrest.Matchers.empty());
        // The page's script (or its button) posts the link. No credentials: the link's token is one. In German.
        given().post(links.get(4)).then().statusCode(200).body(org.hamcrest.Matchers.containsString("Vielen Dank"));
        as(key).get("/api/v1/surveys/" + survey + "/responses").then().body("items[0].score", equalTo(5.0f));
        given().get("/widget/v1/rating.js").then().statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/javascript"));

        Object rate = null;
        // Sent (0 %) and answered (100 %) may reach metrics-service in two deliveries.
        for (int attempt = 0; attempt < 100 && !Float.valueOf(100.0f).equals(rate); attempt++) {
            rate = as(key).get("/api/v1/metrics/response-rate?surveyId=" + survey).then().statusCode(200).extract().path("value");
            Thread.sleep(200);
        }
        org.junit.jupiter.api.Assertions.assertEquals(100.0f, rate, "one invitation, answered");
    }

    private static void ndjson(String key, String path, String... lines) {
        SuiteApi.importFile(key, path, String.join("\n", lines).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Test
    void validationErrorsFromAServiceReachTheCallerAsProblemJson() {
        as(registerTenant()).body("{\"name\":\"\"}")
                .post("/api/v1/surveys")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", contains("kind", "name"));
    }

    @Test
    void aReadOnlyKeyCannotWriteThroughTheGateway() {
        String admin = registerTenant();
        String readKey = as(admin).body("{\"name\":\"dashboard\",\"scopes\":[\"read\"]}")
                .post("/api/v1/api-keys").then().statusCode(201).extract().path("key");

        as(readKey).get("/api/v1/surveys").then().statusCode(200);
        as(readKey).body("{\"name\":\"x\",\"kind\":\"NPS\"}").post("/api/v1/surveys").then().statusCode(403);
        as(admin).get("/api/v1/surveys").then().body("items", empty());
    }

    @Test
    void servicesRefuseCallsThatBypassTheGateway() {
        // Anyone who reaches a service directly, even with a valid tenant API key, is refused.
        String key = registerTenant();
        String gateway = suite.gatewayUrl();
        int surveyPort = suite.servicePort("survey");
        given().baseUri("http://127.0.0.1:" + surveyPort).header("X-Api-Key", key)
                .get("/api/v1/surveys")
                .then().statusCode(401);
        given().baseUri(gateway).header("X-Api-Key", key).get("/api/v1/surveys").then().statusCode(200);
    }

    @Test
    void theGatewayDescribesEveryPublicEndpointOfEveryServiceInOneDocument() {
        String body = given().get("/q/openapi").then().statusCode(200).extract().asString();
        io.vertx.core.json.JsonObject document = new io.vertx.core.json.JsonObject(body);
        java.util.Set<String> paths = document.getJsonObject("paths").fieldNames();
        for (String path : new String[] {"/api/v1/surveys", "/api/v1/surveys/{surveyId}/responses/import",
            "/api/v1/surveys/{surveyId}/invitations", "/public/v1/surveys/{publicKey}", "/public/v1/surveys/{publicKey}/responses",
            "/widget/v1/{file}", "/r/{token}/{score}", "/api/v1/tickets/import", "/api/v1/customers/import",
            "/api/v1/reviews/import", "/api/v1/metrics", "/api/v1/metrics/{metric}", "/api/v1/metrics/summary",
            "/api/v1/tenants", "/api/v1/api-keys"}) {
            org.junit.jupiter.api.Assertions.assertTrue(paths.contains(path), path + " missing from " + paths);
        }
        org.junit.jupiter.api.Assertions.assertTrue(paths.stream().noneMatch(p -> p.startsWith("/internal")), paths.toString());
        // Every reference points at a schema the document has.
        java.util.Set<String> schemas = document.getJsonObject("components").getJsonObject("schemas").fieldNames();
        java.util.regex.Matcher refs = java.util.regex.Pattern.compile("\"#/components/schemas/([^\"]+)\"").matcher(body);
        while (refs.find()) {
            org.junit.jupiter.api.Assertions.assertTrue(schemas.contains(refs.group(1)), "dangling $ref " + refs.group(1));
        }
        org.junit.jupiter.api.Assertions.assertNull(document.getValue("x-missing-services"));
        given().get("/q/swagger-ui/").then().statusCode(200);
    }
}
