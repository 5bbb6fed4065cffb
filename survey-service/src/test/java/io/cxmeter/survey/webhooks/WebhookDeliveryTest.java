package io.cxmeter.survey.webhooks;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import io.cxmeter.survey.delivery.AlertMails;
import io.cxmeter.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;

/**
 * Webhooks end to end inside survey-service: a real HTTP receiver (WireMock) that fails, times
 * out and then answers; every request's signature checked by this test's own HMAC code, not the
 * service's signer. The relay is driven round by round; the retry schedule is shortened to pauses
 * of zero so that a round retries at once.
 */
@QuarkusTest
@TestProfile(WebhookDeliveryTest.LocalReceivers.class)
class WebhookDeliveryTest {

    /** Receivers on localhost over http, a retry schedule of three immediate retries, half a second per try. */
    public static class LocalReceivers implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cxmeter.webhooks.require-https", "false", "cxmeter.webhooks.allow-private-targets", "true",
                    "cxmeter.webhooks.retry-schedule", "0s,0s,0s", "cxmeter.webhooks.timeout", "500ms");
        }
    }

    private static final WireMockServer RECEIVER = new WireMockServer(WireMockConfiguration.options().dynamicPort());

    @RegisterExtension
    static GreenMailExtension smtp = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Inject
    WebhookRelay relay;

    @Inject
    AlertMails alertMails;

    private final String tenant = "tenant-" + UUID.randomUUID();
    private String path;

    @BeforeAll
    static void start() {
        RECEIVER.start();
    }

    @AfterAll
    static void stop() {
        RECEIVER.stop();
    }

    @BeforeEach
    void receiverPath() {
        path = "/hooks/" + UUID.randomUUID();
    }

    private RequestSpecification as(String... roles) {
        String token = roles.length == 0 ? TestTokens.forTenant(tenant) : TestTokens.forTenant(tenant, roles);
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    private String url() {
        return "http://127.0.0.1:" + RECEIVER.port() + path;
    }

    private JsonPath subscribe(String... types) {
        return as().body(new JsonObject().put("url", url()).put("eventTypes", List.of(types)).put("description", "CRM").encode())
                .post("/api/v1/webhooks/endpoints").then().statusCode(201)
                .body("secret", startsWith("whsec_")).body("endpoint.enabled", equalTo(true)).extract().jsonPath();
    }

    private String survey(String kind) {
        return as().body("{\"name\":\"" + kind + "\",\"kind\":\"" + kind + "\"}").post("/api/v1/surveys")
                .then().statusCode(201).extract().path("id");
    }

    private List<LoggedRequest> received() {
        return RECEIVER.findAll(com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor(urlEqualTo(path)));
    }

    private void drain(int rounds) {
        for (int i = 0; i < rounds; i++) {
            relay.relayOnce().await().indefinitely();
        }
    }

    @Test
    void aReceiverThatFailsThenTimesOutThenAnswersGetsEachEventOnceSigned() {
        RECEIVER.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(500).withBody("database down")).willSetStateTo("slow"));
        RECEIVER.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs("slow")
                .willReturn(aResponse().withStatus(200).withFixedDelay(1500)).willSetStateTo("up"));
        RECEIVER.stubFor(post(urlEqualTo(path)).inScenario(path).whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(204)));
        JsonPath negatives = subscribe("response.negative");
        String secret = negatives.getString("secret");
        String endpointId = negatives.getString("endpoint.id");
        String creationsPath = path;
        path = "/hooks/" + UUID.randomUUID();
        RECEIVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        String creationsSecret = subscribe("response.created").getString("secret");
        String nps = survey("NPS");

        as().body("{\"id\":\"R-1\",\"score\":3,\"customerId\":\"C-1\",\"comment\":\"slow answer\",\"channel\":\"chat\"}")
                .post("/api/v1/surveys/" + nps + "/responses").then().statusCode(201);
        // A change of the same answer is no new response.created and no second response.negative.
        as().body("{\"id\":\"R-1\",\"score\":2,\"customerId\":\"C-1\",\"comment\":\"slow answer\",\"channel\":\"chat\"}")
                .post("/api/v1/surveys/" + nps + "/responses").then().statusCode(200);
        // Imported history (answered long ago) tells no receiver.
        given().auth().oauth2(TestTokens.forTenant(tenant)).contentType("application/x-ndjson")
                .body(("{\"id\":\"OLD\",\"score\":1,\"submittedAt\":\"" + Instant.now().minus(3, ChronoUnit.DAYS) + "\"}")
                        .getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/surveys/" + nps + "/responses/import").then().statusCode(200);

        drain(6);

        List<LoggedRequest> created = received();
        assertEquals(1, created.size(), "response.created once");
        assertTrue(verifies(creationsSecret, created.get(0)));
        assertEquals("response.created", new JsonObject(created.get(0).getBodyAsString()).getString("type"));

        path = creationsPath;
        List<LoggedRequest> tries = received();
        assertEquals(3, tries.size(), "failed, timed out, answered: three tries of one message");
        assertEquals(1, tries.stream().map(r -> r.getHeader("webhook-id")).distinct().count());
        for (LoggedRequest request : tries) {
            assertTrue(verifies(secret, request), "signature of " + request.getHeader("webhook-id"));
            assertEquals("application/json", request.getHeader("content-type"));
            long skew = Math.abs(Instant.now().getEpochSecond() - Long.parseLong(request.getHeader("webhook-timestamp")));
            assertTrue(skew < 60, "timestamp of the try, not of the event");
        }
        JsonObject body = new JsonObject(tries.get(0).getBodyAsString());
        assertEquals("response.negative", body.getString("type"));
        JsonObject data = body.getJsonObject("data");
        assertEquals(nps, data.getString("surveyId"));
        assertEquals("R-1", data.getString("responseId"));
        assertEquals("C-1", data.getString("customerId"));
        assertEquals("slow answer", data.getString("comment"));
        assertEquals(3.0, data.getDouble("score"), "the answer as it was when it became negative");
        assertEquals(true, data.getBoolean("negative"));

        JsonPath log = as("read").get("/api/v1/webhooks/endpoints/" + endpointId + "/deliveries").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].status", equalTo("succeeded")).body("items[0].attempts", equalTo(3))
                .body("items[0].eventType", equalTo("response.negative"))
                .body("items[0].messageId", equalTo(tries.get(0).getHeader("webhook-id"))).extract().jsonPath();
        List<Map<String, Object>> attempts = log.getList("items[0].log");
        assertEquals(500, attempts.get(0).get("statusCode"));
        assertEquals("database down", attempts.get(0).get("answer"));
        assertEquals(null, attempts.get(1).get("statusCode"));
        assertTrue(((String) attempts.get(1).get("error")).startsWith("no answer within 500 ms"), attempts.get(1).toString());
        assertEquals(204, attempts.get(2).get("statusCode"));
        assertTrue((Integer) attempts.get(2).get("latencyMs") >= 0);

        // Nothing left to send: more rounds send nothing.
        drain(2);
        assertEquals(3, received().size());
    }

    @Test
    void aRotatedSecretSignsBesideTheOldOneForTheOverlapOnly() {
        RECEIVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        JsonPath endpoint = subscribe("response.created");
        String old = endpoint.getString("secret");
        String id = endpoint.getString("endpoint.id");
        String csat = survey("CSAT");

        String rotated = as().body("{\"overlapSeconds\":3600}").post("/api/v1/webhooks/endpoints/" + id + "/secret/rotate")
                .then().statusCode(200).body("endpoint.previousSecretValidUntil", notNullValue()).extract().path("secret");
        as().body("{\"id\":\"A\",\"score\":5}").post("/api/v1/surveys/" + csat + "/responses").then().statusCode(201);
        drain(1);
        LoggedRequest during = received().get(0);
        assertEquals(2, during.getHeader("webhook-signature").split(" ").length);
        assertTrue(verifies(old, during) && verifies(rotated, during), "both secrets verify during the overlap");

        String newest = as().body("{\"overlapSeconds\":0}").post("/api/v1/webhooks/endpoints/" + id + "/secret/rotate")
                .then().statusCode(200).extract().path("secret");
        as().body("{\"id\":\"B\",\"score\":4}").post("/api/v1/surveys/" + csat + "/responses").then().statusCode(201);
        drain(1);
        LoggedRequest after = received().get(1);
        assertTrue(verifies(newest, after));
        assertFalse(verifies(rotated, after), "without an overlap the replaced secret signs no more");
    }

    @Test
    void anEndpointThatFailsThroughTheScheduleIsDisabledWithTheReasonAndCanBeResumed() {
        RECEIVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(503)));
        String id = subscribe("response.negative").getString("endpoint.id");
        String ces = survey("CES");
        as().body("{\"id\":\"N\",\"score\":1,\"customerId\":\"C-9\"}").post("/api/v1/surveys/" + ces + "/responses")
                .then().statusCode(201);
        drain(6);
        assertEquals(4, received().size(), "the first try and three retries");

        as("read").get("/api/v1/webhooks/endpoints/" + id).then().statusCode(200).body("enabled", equalTo(false))
                .body("disabledReason", startsWith("a delivery failed through its whole retry schedule"))
                .body("failingSince", notNullValue());
        String delivery = as("read").get("/api/v1/webhooks/endpoints/" + id + "/deliveries?status=failed").then()
                .statusCode(200).body("items", hasSize(1)).body("items[0].attempts", equalTo(4)).extract().path("items[0].id");
        // Disabled: new events make no deliveries to it, and redelivery waits for the tenant.
        as().body("{\"id\":\"N2\",\"score\":1}").post("/api/v1/surveys/" + ces + "/responses").then().statusCode(201);
        as().post("/api/v1/webhooks/endpoints/" + id + "/deliveries/" + delivery + "/redeliver").then().statusCode(409);

        RECEIVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        as().body("{\"enabled\":true}").patch("/api/v1/webhooks/endpoints/" + id).then().statusCode(200)
                .body("enabled", equalTo(true)).body("disabledReason", equalTo(null));
        as().post("/api/v1/webhooks/endpoints/" + id + "/deliveries/" + delivery + "/redeliver").then().statusCode(202)
                .body("status", equalTo("pending"));
        drain(1);
        as("read").get("/api/v1/webhooks/endpoints/" + id + "/deliveries").then().statusCode(200)
                .body("items", hasSize(1)).body("items[0].status", equalTo("succeeded")).body("items[0].attempts", equalTo(5))
                .body("items[0].log[4].statusCode", equalTo(200));
        assertEquals(5, received().size());
        assertEquals(1, received().stream().map(r -> r.getHeader("webhook-id")).distinct().count(),
                "a redelivery is the same message");
    }

    @Test
    void badEndpointsAreRefusedNamingTheFieldAndNothingIsSaved() {
        as().body("{\"url\":\"" + url() + "\",\"eventTypes\":[\"response.created\",\"ticket.exploded\"]}")
                .post("/api/v1/webhooks/endpoints").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("eventTypes[1]"));
        as().body("{\"url\":\"ftp://example.org/x\",\"eventTypes\":[\"response.created\"]}")
                .post("/api/v1/webhooks/endpoints").then().statusCode(400).body("errors[0].field", equalTo("url"));
        as().body("{\"url\":\"http://user:pw@127.0.0.1/x\",\"eventTypes\":[\"response.created\"]}")
                .post("/api/v1/webhooks/endpoints").then().statusCode(400).body("errors[0].field", equalTo("url"));
        as().body("{\"eventTypes\":[]}").post("/api/v1/webhooks/endpoints").then().statusCode(400);
        as("read", "write").body("{\"url\":\"" + url() + "\",\"eventTypes\":[\"response.created\"]}")
                .post("/api/v1/webhooks/endpoints").then().statusCode(403);
        as().get("/api/v1/webhooks/endpoints").then().statusCode(200).body("$", hasSize(0));
        as().get("/api/v1/webhooks/endpoints/" + UUID.randomUUID()).then().statusCode(404);
        as().body("{\"enabled\":false}").patch("/api/v1/webhooks/endpoints/" + UUID.randomUUID()).then().statusCode(404);
        // Another tenant's endpoint is not there for this one.
        String theirs = given().auth().oauth2(TestTokens.forTenant("other-" + tenant)).contentType(ContentType.JSON)
                .body("{\"url\":\"" + url() + "\",\"eventTypes\":[\"response.created\"]}").post("/api/v1/webhooks/endpoints")
                .then().statusCode(201).extract().path("endpoint.id");
        as().get("/api/v1/webhooks/endpoints/" + theirs).then().statusCode(404);
        as().delete("/api/v1/webhooks/endpoints/" + theirs).then().statusCode(404);
    }

    @Test
    void anErasureRemovesTheCustomersWebhookMessages() {
        RECEIVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(500)));
        String id = subscribe("response.created").getString("endpoint.id");
        String nps = survey("NPS");
        as().body("{\"id\":\"E\",\"score\":9,\"customerId\":\"C-erased\",\"comment\":\"call me at 555\"}")
                .post("/api/v1/surveys/" + nps + "/responses").then().statusCode(201);
        as("read").get("/api/v1/webhooks/endpoints/" + id + "/deliveries").then().body("items", hasSize(1));
        given().auth().oauth2(TestTokens.peer(tenant)).contentType(ContentType.JSON).body("{\"customerId\":\"C-erased\"}")
                .post("/internal/v1/erasures").then().statusCode(200);
        as("read").get("/api/v1/webhooks/endpoints/" + id + "/deliveries").then().body("items", hasSize(0));
        drain(2);
        assertEquals(0, received().size(), "nothing about the customer leaves after the erasure");
    }

    @Test
    void followUpEventsReportedByTicketServiceAreDeliveredOnceEach() {
        RECEIVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        JsonPath endpoint = subscribe("followup.created", "followup.resolved");
        String id = endpoint.getString("endpoint.id");
        String batch = new JsonObject().put("events", List.of(
                new JsonObject().put("type", "followup.created").put("key", "S:R-1").put("customerId", "C-1")
                        .put("at", "2026-12-01T10:00:00Z").put("data", new JsonObject().put("followUpId", "S:R-1").put("status", "open")),
                new JsonObject().put("type", "followup.resolved").put("key", "S:R-1@2026-12-01T12:00:00.000000Z")
                        .put("customerId", "C-1").put("at", "2026-12-01T12:00:00Z")
                        .put("data", new JsonObject().put("followUpId", "S:R-1").put("status", "resolved")))).encode();
        // Reported twice (at least once): each event is still one message.
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(TestTokens.peer(tenant)).contentType(ContentType.JSON).body(batch)
                    .post("/internal/v1/webhook-events").then().statusCode(200).body("events", equalTo(2));
        }
        // Only services report, and only the events they own.
        as().body(batch).post("/internal/v1/webhook-events").then().statusCode(401);
        given().auth().oauth2(TestTokens.peer(tenant)).contentType(ContentType.JSON)
                .body("{\"events\":[{\"type\":\"response.created\",\"key\":\"x\",\"at\":\"2026-12-01T10:00:00Z\",\"data\":{}}]}")
                .post("/internal/v1/webhook-events").then().statusCode(400).body("errors[0].field", equalTo("events[0].type"));
        drain(2);

        List<LoggedRequest> requests = received();
        assertEquals(2, requests.size());
        JsonObject resolved = requests.stream().map(r -> new JsonObject(r.getBodyAsString()))
                .filter(body -> body.getString("type").equals("followup.resolved")).findFirst().orElseThrow();
        assertEquals("2026-12-01T12:00:00Z", resolved.getString("timestamp"), "the time the event happened");
        assertEquals("resolved", resolved.getJsonObject("data").getString("status"));
        as("read").get("/api/v1/webhooks/endpoints/" + id + "/deliveries").then().body("items", hasSize(2));
    }

    @Test
    void alertsReportedByMetricsServiceReachWebhooksAndTheRulesRecipientsOnce() throws Exception {
        RECEIVER.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(200)));
        String secret = subscribe("alert.fired", "alert.resolved").getString("secret");
        as().body("""
                {"host":"localhost","port":%d,"security":"NONE","fromAddress":"care@shop.example","fromName":"Shop Care"}"""
                .formatted(smtp.getSmtp().getPort())).put("/api/v1/delivery/email-settings").then().statusCode(200);
        JsonObject rule = new JsonObject().put("id", UUID.randomUUID().toString()).put("name", "CSAT by channel")
                .put("metric", "csat").put("statistic", "value").put("groupBy", "channel").put("window", "P7D")
                .put("condition", "below").put("threshold", 80.0).put("recoverAt", 85.0).put("minSample", 30).put("for", "PT0S");
        JsonObject fired = new JsonObject().put("type", "alert.fired").put("key", "alert-event-1").put("at", "2026-12-01T10:00:00Z")
                .put("data", new JsonObject().put("rule", rule).put("group", "email").put("value", 78.3333).put("sample", 60)
                        .put("period", new JsonObject().put("from", "2026-11-24T10:00:00Z").put("to", "2026-12-01T10:00:00Z"))
                        .put("recipients", List.of("ops@shop.example", "lead@shop.example")));
        JsonObject resolved = new JsonObject().put("type", "alert.resolved").put("key", "alert-event-2")
                .put("at", "2026-12-02T10:00:00Z").put("data", new JsonObject().put("rule", rule).put("group", "email")
                        .put("value", 88.0).put("sample", 50).put("firingSince", "2026-12-01T10:00:00Z")
                        .put("recipients", List.of("ops@shop.example")));
        // Reported twice (at least once): still one webhook message and one e-mail per recipient.
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(TestTokens.peer(tenant)).contentType(ContentType.JSON)
                    .body(new JsonObject().put("events", List.of(fired, resolved)).encode())
                    .post("/internal/v1/webhook-events").then().statusCode(200).body("events", equalTo(2));
        }
        drain(2);
        List<LoggedRequest> requests = received();
        assertEquals(2, requests.size());
        for (LoggedRequest request : requests) {
            assertTrue(verifies(secret, request), "signed with the endpoint's secret");
            JsonObject data = new JsonObject(request.getBodyAsString()).getJsonObject("data");
            assertEquals("CSAT by channel", data.getJsonObject("rule").getString("name"));
            assertFalse(data.containsKey("recipients"), "the rule's recipients are not passed to webhooks");
        }

        assertEquals(3, alertMails.sendDue().await().indefinitely());
        assertEquals(0, alertMails.sendDue().await().indefinitely(), "each once");
        assertTrue(smtp.waitForIncomingEmail(5_000, 3));
        List<String> subjects = new java.util.ArrayList<>();
        for (var mail : smtp.getReceivedMessages()) {
            subjects.add(mail.getAllRecipients()[0] + " " + mail.getSubject());
        }
        assertEquals(List.of("ops@shop.example Alert: CSAT by channel (channel email)",
                "lead@shop.example Alert: CSAT by channel (channel email)",
                "ops@shop.example Resolved: CSAT by channel (channel email)").stream().sorted().toList(),
                subjects.stream().sorted().toList());
        String body = com.icegreen.greenmail.util.GreenMailUtil.getBody(java.util.Arrays.stream(smtp.getReceivedMessages())
                .filter(mail -> {
                    try {
                        return mail.getSubject().startsWith("Alert");
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                }).findFirst().orElseThrow());
        assertTrue(body.contains("csat over the last P7D, channel email: 78.33 (on 60)"), body);
        assertTrue(body.contains("below 80 and resolves when it is back at or above 85"), body);
        as("read").get("/api/v1/delivery/alert-mails").then().statusCode(200).body("size()", equalTo(3))
                .body("status", everyItem(equalTo("sent")));
    }

    /** Standard Webhooks verification written here from the specification, independent of the service's signer. */
    private static boolean verifies(String secret, LoggedRequest request) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            String signed = request.getHeader("webhook-id") + "." + request.getHeader("webhook-timestamp") + "."
                    + request.getBodyAsString();
            String expected = Base64.getEncoder().encodeToString(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)));
            return Arrays.stream(request.getHeader("webhook-signature").split(" "))
                    .anyMatch(candidate -> candidate.equals("v1," + expected));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
