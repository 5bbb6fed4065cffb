package io.cxmeter.metrics.alerts;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.cxmeter.metrics.Fixtures.ev;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.cxmeter.internalauth.InternalCaller;
import io.cxmeter.internalauth.RsaKeys;
import io.cxmeter.metrics.Fixtures;
import io.cxmeter.testing.PeerStub;
import io.cxmeter.testing.TestKeys;
import io.cxmeter.testing.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Alert rules on generated histories, evaluated at instants the test chooses: a value wavering
 * about its threshold fires once and resolves once; a hold delays a firing; groups are watched on
 * their own; the transitions reach survey-service (played by WireMock) at least once.
 */
@QuarkusTest
@TestProfile(AlertRulesTest.Reporting.class)
@QuarkusTestResource(value = PeerStub.class, restrictToAnnotatedClass = true,
        initArgs = @ResourceArg(name = PeerStub.URL_PROPERTY, value = "quarkus.rest-client.survey-webhook-events.url"))
class AlertRulesTest {

    /** Reporting on, signed with the test producer key; the test drives evaluations and reports. */
    public static class Reporting implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cxmeter.alerts.report", "true",
                    "cxmeter.alerts.signing-key", RsaKeys.encode(TestKeys.EVENTS.getPrivate()),
                    "cxmeter.alerts.report-interval", "1h", "cxmeter.alerts.max-backoff", "PT0S");
        }
    }

    /** survey-service, as WireMock plays it. */
    @PeerStub.Server
    WireMockServer surveyService;

    private static final Instant T0 = Instant.parse("2026-05-04T00:00:00Z");

    /** Positive CSAT answers (of 10) in each hour from T0; the 6-hour CSAT crosses 80 down, up short of 85, down, up past 85. */
    private static final int[] POSITIVE_PER_HOUR = {10, 10, 10, 10, 10, 10, 7, 7, 6, 7, 9, 9, 9, 6, 6, 10, 10, 3, 10, 10, 10, 10,
            10, 10, 10, 10};

    @Inject
    AlertEvaluator evaluator;

    @Inject
    AlertEventRelay relay;

    private final Fixtures f = new Fixtures("UTC");

    private RequestSpecification as(String... roles) {
        String token = roles.length == 0 ? TestTokens.forTenant(f.tenant()) : TestTokens.forTenant(f.tenant(), roles);
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private UUID create(Map<String, Object> rule) {
        return UUID.fromString(as().body(rule).post("/api/v1/alerts/rules").then().statusCode(201)
                .header("Location", containsString("/api/v1/alerts/rules/")).extract().path("id"));
    }

    /** The rule's events, numbers read at full precision. */
    private List<JsonObject> events(UUID rule) {
        String body = as().get("/api/v1/alerts/rules/" + rule + "/events?limit=500").then().statusCode(200).extract().asString();
        return new JsonArray(body).stream().map(JsonObject.class::cast).toList();
    }

    @Test
    void aValueWaveringAboutItsThresholdFiresOnceAndResolvesOnce() {
        for (int hour = 0; hour < POSITIVE_PER_HOUR.length; hour++) {
            for (int i = 0; i < 10; i++) {
                Instant at = T0.plus(Duration.ofHours(hour)).plus(Duration.ofMinutes(i + 1));
                f.response("R" + hour + "-" + i, "S-csat", "CSAT", 1, 5, 4, i < POSITIVE_PER_HOUR[hour] ? 5 : 2, at.toString(),
                        "email", "A1", null, "en");
            }
        }
        f.deliver();
        UUID rule = create(Map.of("name", "CSAT over 6 hours", "metric", "csat", "window", "PT6H", "condition", "below",
                "threshold", 80, "recoverAt", 85, "minSample", 30, "recipients", List.of("ops@example.com")));

        // The oracle: the rule's semantics over the same answers, counted here.
        List<String> expected = new ArrayList<>();
        boolean firing = false;
        int waveringAbove = 0;
        for (int k = 1; k <= POSITIVE_PER_HOUR.length; k++) {
            int positive = 0;
            int answers = 0;
            for (int hour = Math.max(0, k - 6); hour < k; hour++) {
                positive += POSITIVE_PER_HOUR[hour];
                answers += 10;
            }
            double csat = 100.0 * positive / answers;
            if (answers >= 30 && !firing && csat < 80) {
                firing = true;
                expected.add("alert.fired@" + k);
            } else if (answers >= 30 && firing && csat >= 85) {
                firing = false;
                expected.add("alert.resolved@" + k);
            } else if (firing && csat >= 80) {
                waveringAbove++;
            }
            evaluator.evaluate(rule, T0.plus(Duration.ofHours(k))).await().indefinitely();
        }
        assertEquals(List.of("alert.fired@10", "alert.resolved@21"), expected);
        assertTrue(waveringAbove >= 2, "the history goes back above the threshold while firing, short of recoverAt");

        List<JsonObject> told = events(rule);
        List<String> seen = told.stream().map(e -> e.getString("type") + "@"
                + Duration.between(T0, Instant.parse(e.getString("at"))).toHours()).toList();
        assertEquals(List.of("alert.resolved@21", "alert.fired@10"), seen, "newest first, each once");
        JsonObject fired = told.get(1).getJsonObject("data");
        assertEquals(100.0 * 47 / 60, fired.getDouble("value"), 1e-9, "hours 4-9: 10+10+7+7+6+7 positive of 60");
        assertEquals(60, fired.getInteger("sample"));
        assertEquals("PT6H", fired.getJsonObject("rule").getString("window"));
        assertEquals(T0.plus(Duration.ofHours(4)).toString(), fired.getJsonObject("period").getString("from"));
        JsonObject resolved = told.get(0).getJsonObject("data");
        assertEquals(100.0 * 53 / 60, resolved.getDouble("value"), 1e-9, "hours 15-20: 10+10+3+10+10+10 positive of 60");
        assertEquals(T0.plus(Duration.ofHours(10)).toString(), resolved.getString("firingSince"));
        as().get("/api/v1/alerts/rules/" + rule).then().statusCode(200).body("states[0].status", equalTo("ok"))
                .body("states[0].group", equalTo(null)).body("states[0].sample", equalTo(60));

        // Reported to survey-service: refused once (kept), then taken (each event once, signed as a producer).
        surveyService.stubFor(post(urlEqualTo("/internal/v1/webhook-events")).willReturn(aResponse().withStatus(503)));
        assertEquals(0, relay.relayOnce().await().indefinitely());
        assertTrue(events(rule).stream().noneMatch(e -> e.getBoolean("reported")));
        surveyService.resetAll();
        surveyService.stubFor(post(urlEqualTo("/internal/v1/webhook-events")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"events\":2}")));
        assertEquals(2, relay.relayOnce().await().indefinitely());
        assertEquals(0, relay.relayOnce().await().indefinitely(), "nothing left to report");
        var requests = surveyService.findAll(postRequestedFor(urlEqualTo("/internal/v1/webhook-events")));
        assertEquals(1, requests.size());
        JsonArray reported = new JsonObject(requests.get(0).getBodyAsString()).getJsonArray("events");
        assertEquals(2, reported.size());
        assertEquals("alert.fired", reported.getJsonObject(0).getString("type"));
        assertEquals("alert.resolved", reported.getJsonObject(1).getString("type"));
        assertTrue(reported.getJsonObject(0).getString("key").startsWith("alert-event-"));
        assertEquals(List.of("ops@example.com"), reported.getJsonObject(0).getJsonObject("data").getJsonArray("recipients").getList());
        assertTrue(requests.get(0).getHeader("Authorization").startsWith("Bearer "));
        assertTrue(events(rule).stream().allMatch(e -> e.getBoolean("reported")));
    }

    @Test
    void eachGroupIsWatchedOnItsOwnAndAHoldDelaysTheFiring() {
        // Email tickets answered after 3 h (replies at 4:00, 5:00, 6:00), chat after 10 minutes.
        for (int i = 1; i <= 3; i++) {
            Instant created = T0.plus(Duration.ofHours(i));
            f.ticket("E" + i, "email", "tier-1", null, created.toString(),
                    ev("agent_reply", created.plus(Duration.ofHours(3)).toString(), "agentId", "A1"));
            f.ticket("C" + i, "chat", "tier-1", null, created.toString(),
                    ev("agent_reply", created.plus(Duration.ofMinutes(10)).toString(), "agentId", "A2"));
        }
        // From 7:00, five email tickets answered within 5 minutes bring email's median down.
        for (int i = 1; i <= 5; i++) {
            Instant created = T0.plus(Duration.ofHours(7)).plus(Duration.ofMinutes(i));
            f.ticket("F" + i, "email", "tier-1", null, created.toString(),
                    ev("agent_reply", created.plus(Duration.ofMinutes(5)).toString(), "agentId", "A1"));
        }
        f.deliver();
        UUID rule = create(Map.of("name", "Slow first replies", "metric", "first-response-time", "statistic", "median",
                "groupBy", "channel", "window", "P1D", "condition", "above", "threshold", 7200, "for", "PT2H"));

        UUID chatOnly = create(Map.of("name", "Slow chat replies", "metric", "first-response-time", "statistic", "median",
                "groupBy", "channel", "groups", List.of("chat"), "window", "P1D", "condition", "above", "threshold", 7200));

        int[] halfHours = {9, 11, 13, 15}; // 4:30, 5:30, 6:30, 7:30
        List<Integer> transitions = new ArrayList<>();
        for (int half : halfHours) {
            assertEquals(0, evaluator.evaluate(chatOnly, T0.plus(Duration.ofMinutes(30L * half))).await().indefinitely());
            transitions.add(evaluator.evaluate(rule, T0.plus(Duration.ofMinutes(30L * half))).await().indefinitely());
            if (half == 11) {
                as().get("/api/v1/alerts/rules/" + rule).then().statusCode(200)
                        .body("states.find { it.group == 'email' }.status", equalTo("pending"))
                        .body("states.find { it.group == 'chat' }.status", equalTo("ok"));
            }
        }
        assertEquals(List.of(0, 0, 1, 1), transitions, "pending at 4:30 and 5:30, fired at 6:30 (held 2 h), resolved at 7:30");
        List<JsonObject> told = events(rule);
        assertEquals(List.of("email", "email"), told.stream().map(e -> e.getString("group")).toList());
        assertEquals(List.of("alert.resolved", "alert.fired"), told.stream().map(e -> e.getString("type")).toList());
        assertEquals(T0.plus(Duration.ofMinutes(390)).toString(), told.get(1).getString("at"));
        assertEquals(10800.0, told.get(1).getJsonObject("data").getDouble("value"), 10800 * 0.02,
                "the median FRT of email, 3 h (within the sketch's precision)");
        as().get("/api/v1/alerts/rules/" + chatOnly).then().statusCode(200).body("groups", contains("chat"))
                .body("states.group", contains("chat")).body("states[0].status", equalTo("ok"));
    }

    @Test
    void aRuleWatchesBusinessHoursAndOnlyTheFactsItsFilterKeeps() {
        // Weekdays 09:00-17:00 UTC. E1 (email) created Friday 16:00, answered Monday 09:30: 235,800 calendar
        // seconds, 5,400 business. C1 (chat) answered after 5 minutes: 300 s in both clocks.
        Map<String, Object> office = Map.of("timeZone", "UTC", "schedule", Map.of("monday", WEEKDAY, "tuesday", WEEKDAY,
                "wednesday", WEEKDAY, "thursday", WEEKDAY, "friday", WEEKDAY), "holidays", List.of());
        f.ticketWith(Map.of("businessHours", office), "E1", "email", "tier-1", "2026-03-06T16:00:00Z",
                ev("agent_reply", "2026-03-09T09:30:00Z", "agentId", "A1"));
        f.ticketWith(Map.of("businessHours", office), "C1", "chat", "tier-1", "2026-03-06T16:00:00Z",
                ev("agent_reply", "2026-03-06T16:05:00Z", "agentId", "A2"));
        f.deliver();
        Instant at = Instant.parse("2026-03-09T12:00:00Z");
        // Email in business hours, 5,400 s: above an hour, below two.
        UUID hour = create(Map.of("name", "E-mail FRT, business hours", "metric", "first-response-time", "clock", "business",
                "filters", Map.of("channel", List.of("email")), "window", "P7D", "condition", "above", "threshold", 3600));
        UUID twoHours = create(Map.of("name", "E-mail FRT, business hours, 2 h", "metric", "first-response-time",
                "clock", "business", "filters", Map.of("channel", List.of("email")), "window", "P7D", "condition", "above",
                "threshold", 7200));
        // Chat in calendar time, 300 s: not above an hour, although both tickets' mean is.
        UUID chat = create(Map.of("name", "Chat FRT", "metric", "first-response-time", "filters", Map.of("channel", List.of("chat")),
                "window", "P7D", "condition", "above", "threshold", 3600));
        assertEquals(1, evaluator.evaluate(hour, at).await().indefinitely());
        assertEquals(0, evaluator.evaluate(twoHours, at).await().indefinitely(), "5,400 business seconds, not 235,800");
        assertEquals(0, evaluator.evaluate(chat, at).await().indefinitely());
        assertEquals(5400.0, events(hour).get(0).getJsonObject("data").getDouble("value"), 1e-6);
        as().get("/api/v1/alerts/rules/" + hour).then().statusCode(200).body("clock", equalTo("business"))
                .body("filters.channel", contains("email"));
        as().get("/api/v1/alerts/rules/" + chat).then().statusCode(200).body("clock", equalTo("calendar"))
                .body("states[0].value", equalTo(300.0f));

        as().body(Map.of("name", "x", "metric", "nps", "clock", "business", "filters", Map.of("team", List.of("tier-1"),
                "locale", List.of(" ")), "condition", "below", "threshold", 0)).post("/api/v1/alerts/rules").then().statusCode(400)
                .body("errors.field", hasItems("clock", "filters.team", "filters.locale[0]"));
        // Deleted, a rule's history goes with it: nothing of it is left to report.
        for (UUID rule : List.of(hour, twoHours, chat)) {
            as().delete("/api/v1/alerts/rules/" + rule).then().statusCode(204);
        }
    }

    private static final List<Map<String, String>> WEEKDAY = List.of(Map.of("start", "09:00", "end", "17:00"));

    @Test
    void rulesAreCheckedFieldByFieldAndBelongToTheirTenant() {
        as().body(Map.of("name", "", "metric", "nope", "condition", "sideways", "window", "P2000D", "minSample", 0,
                "recipients", List.of("not-an-address"))).post("/api/v1/alerts/rules").then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItems("name", "metric", "condition", "threshold", "window", "minSample", "recipients[0]"));
        as().body(Map.of("name", "x", "metric", "nps", "statistic", "median", "groupBy", "team", "condition", "below",
                "threshold", 0, "recoverAt", -10)).post("/api/v1/alerts/rules").then().statusCode(400)
                .body("errors.field", hasItems("statistic", "groupBy", "recoverAt"));
        as().body(Map.of("name", "x", "metric", "open-tickets", "groups", List.of("email"), "condition", "above",
                "threshold", 1)).post("/api/v1/alerts/rules").then().statusCode(400).body("errors.field", hasItems("groups"));
        as(InternalCaller.ROLE_READ, InternalCaller.ROLE_WRITE).body(Map.of("name", "x", "metric", "nps", "condition", "below",
                "threshold", 0)).post("/api/v1/alerts/rules").then().statusCode(403);
        as().get("/api/v1/alerts/rules").then().statusCode(200).body("size()", equalTo(0));

        UUID rule = create(Map.of("name", "Open tickets", "metric", "open-tickets", "condition", "above", "threshold", 200));
        as().get("/api/v1/alerts/rules").then().statusCode(200).body("size()", equalTo(1))
                .body("[0].window", equalTo("P7D")).body("[0].recoverAt", equalTo(200.0f)).body("[0].for", equalTo("PT0S"))
                .body("[0].enabled", equalTo(true));
        given().auth().oauth2(TestTokens.forTenant("tenant-" + UUID.randomUUID())).get("/api/v1/alerts/rules/" + rule)
                .then().statusCode(404).contentType("application/problem+json");
        as().body(Map.of("name", "Open tickets", "metric", "open-tickets", "condition", "above", "threshold", 150,
                "enabled", false)).put("/api/v1/alerts/rules/" + rule).then().statusCode(200).body("threshold", equalTo(150.0f))
                .body("enabled", equalTo(false));
        assertEquals(0, evaluator.evaluate(rule, Instant.now()).await().indefinitely(), "a disabled rule is not evaluated");
        as().delete("/api/v1/alerts/rules/" + rule).then().statusCode(204);
        as().delete("/api/v1/alerts/rules/" + rule).then().statusCode(404);
    }
}
