package io.cxmeter.suite;

import static io.restassured.RestAssured.given;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.vertx.core.json.JsonObject;

/**
 * Two tenants. A owns one object of every kind, each carrying a secret marker. B, an admin of its own
 * tenant, calls every operation of the merged OpenAPI document with A's ids in the path and a valid
 * body: nothing of A is ever answered to B, and A's objects and metrics are exactly as before.
 */
class TenantIsolationIT {

    private static final String SECRET = "secret-" + UUID.randomUUID();
    private static final String FROM = "2026-01-01T00:00:00Z";
    private static final String TO = "2026-04-01T00:00:00Z";

    private static LocalSuite suite;
    private static String keyA;
    private static String keyB;
    /** A's ids, by path prefix up to the parameter ("/api/v1/tickets/{id}") or by parameter name. */
    private static final Map<String, String> A_IDS = new LinkedHashMap<>();
    /** What A reads of its own objects (path to answer), taken before B's calls. */
    private static final Map<String, String> A_VIEWS = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeAll
    static void startSuite() throws InterruptedException {
        suite = SuiteApi.startUnlimited("suite-it-isolation");
        keyA = SuiteApi.registerTenant(suite);
        keyB = SuiteApi.registerTenant(suite);
        String survey = a().body("{\"name\":\"" + SECRET + "\",\"kind\":\"CSAT\"}").post("/api/v1/surveys")
                .then().statusCode(201).extract().path("id");
        a().body("{\"id\":\"R-1\",\"score\":2,\"customerId\":\"C-1\",\"agentId\":\"A-1\",\"comment\":\"" + SECRET + "\","
                + "\"submittedAt\":\"2026-02-03T08:20:00Z\"}").post("/api/v1/surveys/" + survey + "/responses").then().statusCode(201);
        a().body("{\"customerId\":\"C-1\"}").post("/api/v1/surveys/" + survey + "/invitations").then().statusCode(201);
        a().body("{\"id\":\"C-1\",\"since\":\"2026-01-04T09:00:00Z\",\"attributes\":{\"note\":\"" + SECRET + "\"},"
                + "\"purchases\":[{\"amount\":49.9,\"at\":\"2026-02-01T10:00:00Z\"}]}").post("/api/v1/customers").then().statusCode(201);
        a().body("{\"id\":\"tier-1\",\"name\":\"" + SECRET + "\"}").post("/api/v1/teams").then().statusCode(201);
        a().body("{\"id\":\"A-1\",\"name\":\"" + SECRET + "\",\"team\":\"tier-1\"}").post("/api/v1/agents").then().statusCode(201);
        a().body("{\"id\":\"T-1\",\"channel\":\"email\",\"subject\":\"" + SECRET + "\",\"customerId\":\"C-1\",\"team\":\"tier-1\","
                + "\"createdAt\":\"2026-02-03T08:00:00Z\"}").post("/api/v1/tickets").then().statusCode(201);
        a().body("{\"type\":\"agent_reply\",\"agentId\":\"A-1\",\"at\":\"2026-02-03T08:10:00Z\"}").post("/api/v1/tickets/T-1/events")
                .then().statusCode(200);
        String scorecard = a().body("{\"name\":\"" + SECRET + "\",\"categories\":[{\"name\":\"Tone\",\"weight\":1,\"maxPoints\":5,"
                + "\"critical\":false}]}").post("/api/v1/scorecards").then().statusCode(201).extract().path("id");
        a().body("{\"id\":\"Q-1\",\"scorecardId\":\"" + scorecard + "\",\"ticketId\":\"T-1\",\"agentId\":\"A-1\","
                + "\"createdAt\":\"2026-02-04T10:00:00Z\",\"ratings\":{\"Tone\":4}}").post("/api/v1/reviews").then().statusCode(201);
        String apiKey = a().body("{\"name\":\"" + SECRET + "\",\"scopes\":[\"read\"]}").post("/api/v1/api-keys")
                .then().statusCode(201).extract().path("id");

        A_IDS.put("surveyId", survey);
        A_IDS.put("/api/v1/surveys/{id}", survey);
        A_IDS.put("responseId", "R-1");
        A_IDS.put("/api/v1/tickets/{id}", "T-1");
        A_IDS.put("/api/v1/customers/{id}", "C-1");
        A_IDS.put("/api/v1/agents/{id}", "A-1");
        A_IDS.put("/api/v1/teams/{id}", "tier-1");
        A_IDS.put("/api/v1/scorecards/{id}", scorecard);
        A_IDS.put("/api/v1/reviews/{id}", "Q-1");
        A_IDS.put("/api/v1/api-keys/{id}", apiKey);
        A_IDS.put("metric", "nps");
        for (String view : List.of("/api/v1/surveys/" + survey, "/api/v1/surveys/" + survey + "/responses",
                "/api/v1/surveys/" + survey + "/responses/R-1", "/api/v1/tickets/T-1", "/api/v1/customers/C-1", "/api/v1/agents/A-1",
                "/api/v1/teams/tier-1", "/api/v1/scorecards/" + scorecard, "/api/v1/reviews/Q-1",
                "/api/v1/metrics/summary?from=" + FROM + "&to=" + TO)) {
            A_VIEWS.put(view, null);
        }
        awaitFresh(keyA);
        A_VIEWS.replaceAll((view, none) -> readAsA(view));
        A_KEY = apiKeyOfA(apiKey);
    }

    /** A's second API key as its list shows it, without the last use (which A's own reads move). */
    private static String A_KEY;

    private static String apiKeyOfA(String id) {
        List<Map<String, Object>> keys = given().header("X-Api-Key", keyA).get("/api/v1/api-keys").then().statusCode(200)
                .extract().jsonPath().getList("$");
        Map<String, Object> key = keys.stream().filter(k -> id.equals(k.get("id"))).findFirst().orElseThrow();
        return key.get("prefix") + " " + key.get("scopes") + " " + key.get("revokedAt");
    }

    @AfterAll
    static void stopSuite() {
        SuiteApi.stop(suite);
    }

    @Test
    void anotherTenantNeverReadsChangesOrCountsWhatIsNotItsOwn() throws Exception {
        OpenApiOperations document = new OpenApiOperations(given().get("/q/openapi").then().statusCode(200).extract().asString());
        List<String> leaks = new ArrayList<>();
        int tried = 0;
        for (OpenApiOperations.Operation operation : document.all()) {
            if (!operation.template().startsWith("/api/") || operation.template().startsWith("/api/v1/tenants")) {
                continue; // public paths are authorized by a survey's key or a link's token, not a tenant
            }
            String path = operation.fill(param -> A_IDS.getOrDefault(param, A_IDS.getOrDefault(
                    operation.template().substring(0, operation.template().indexOf("{" + param + "}")) + "{" + param + "}",
                    "missing-1")));
            JsonObject body = operation.jsonExample(document.schemas());
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + path))
                    .timeout(Duration.ofSeconds(30)).header("X-Api-Key", keyB).header("Content-Type", "application/json")
                    .method(operation.method(), body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body.encode()));
            HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            tried++;
            if (answer.body().contains(SECRET)) {
                leaks.add(operation.method() + " " + path + " answered " + answer.statusCode() + " with A's data");
            }
            if (answer.statusCode() >= 500) {
                leaks.add(operation.method() + " " + path + " answered " + answer.statusCode());
            }
        }
        // B's metrics never count A's survey, and B's lists hold nothing of A.
        given().header("X-Api-Key", keyB).get("/api/v1/metrics/csat?surveyId=" + A_IDS.get("surveyId") + "&from=" + FROM + "&to=" + TO)
                .then().statusCode(200).body("count", org.hamcrest.Matchers.equalTo(0));
        awaitFresh(keyB);
        awaitFresh(keyA);
        for (Map.Entry<String, String> view : A_VIEWS.entrySet()) {
            org.junit.jupiter.api.Assertions.assertEquals(view.getValue(), readAsA(view.getKey()), "A's " + view.getKey());
        }
        org.junit.jupiter.api.Assertions.assertEquals(A_KEY, apiKeyOfA(A_IDS.get("/api/v1/api-keys/{id}")), "A's API key");
        System.out.printf("Tenant-isolation suite: %d operations called by tenant B with tenant A's ids, %d of A's views"
                + " compared before and after%n", tried, A_VIEWS.size());
        org.junit.jupiter.api.Assertions.assertTrue(leaks.isEmpty(), String.join("\n", leaks));
        org.junit.jupiter.api.Assertions.assertTrue(tried > 30, "the document was walked: " + tried);
    }

    private static io.restassured.specification.RequestSpecification a() {
        return SuiteApi.as(keyA);
    }

    private static String readAsA(String path) {
        return given().header("X-Api-Key", keyA).get(path).then().statusCode(200).extract().asString();
    }

    private static void awaitFresh(String key) throws InterruptedException {
        for (int attempt = 0; attempt < 100; attempt++) {
            Boolean upToDate = given().header("X-Api-Key", key).get("/api/v1/metrics/freshness").then().statusCode(200)
                    .extract().path("upToDate");
            if (Boolean.TRUE.equals(upToDate)) {
                return;
            }
            Thread.sleep(200);
        }
    }
}
