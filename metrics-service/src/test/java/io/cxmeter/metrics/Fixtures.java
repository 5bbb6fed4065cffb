package io.cxmeter.metrics;

import static io.restassured.RestAssured.given;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.cxmeter.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * Hand-made histories for metric tests: events in the producers' shapes, delivered as a producer
 * would, and metric queries as the gateway would send them, for one tenant in one time zone.
 */
public final class Fixtures {

    /** Decimal numbers read as doubles, so that assertions compare them at full precision. */
    private static final io.restassured.config.RestAssuredConfig DOUBLES = io.restassured.RestAssured.config()
            .jsonConfig(io.restassured.config.JsonConfig.jsonConfig()
                    .numberReturnType(io.restassured.path.json.config.JsonPathConfig.NumberReturnType.DOUBLE));

    private final String tenant = "tenant-" + UUID.randomUUID();
    private String zone;
    private final List<Map<String, Object>> pending = new ArrayList<>();
    private final Map<String, Integer> versions = new HashMap<>();
    private static final java.time.Instant CHANGES_START = java.time.Instant.parse("2026-06-01T00:00:00Z");
    private int changes;

    public Fixtures(String zone) {
        this.zone = zone;
    }

    private boolean delivered;

    /**
     * Builds and delivers {@code history} the first time it is called: the tests of one class share one
     * history (called before each test, when REST Assured points at the running application).
     */
    public void once(java.util.function.Consumer<Fixtures> history) {
        if (!delivered) {
            delivered = true;
            history.accept(this);
            deliver();
        }
    }

    /** From now on, the tenant's time zone is {@code zone} (as if the tenant changed its setting). */
    public Fixtures zone(String newZone) {
        this.zone = newZone;
        return this;
    }

    public String tenant() {
        return tenant;
    }

    /** A ticket with its full history; each call for the same id is a newer version. */
    public Fixtures ticket(String id, String channel, String team, String customerId, String createdAt, Object... events) {
        return ticket(Map.of(), id, channel, team, customerId, createdAt, events);
    }

    /**
     * A ticket without a customer with more of what ticket-service sends with it: {@code businessHours}
     * ({timeZone, schedule, holidays}), {@code slaPolicy}.
     */
    public Fixtures ticketWith(Map<String, Object> measures, String id, String channel, String team, String createdAt,
            Object... events) {
        return ticket(measures, id, channel, team, null, createdAt, events);
    }

    private Fixtures ticket(Map<String, Object> measures, String id, String channel, String team, String customerId,
            String createdAt, Object... events) {
        Map<String, Object> payload = new LinkedHashMap<>(measures);
        payload.put("id", id);
        payload.put("channel", channel);
        payload.put("team", team);
        payload.put("customerId", customerId);
        payload.put("createdAt", createdAt);
        List<Map<String, Object>> history = new ArrayList<>();
        for (Object event : events) {
            @SuppressWarnings("unchecked")
            Map<String, Object> e = (Map<String, Object>) event;
            history.add(e);
        }
        payload.put("events", history);
        payload.put("version", versions.merge(id, 1, Integer::sum));
        return event("ticket.upserted", payload);
    }

    public static Map<String, Object> ev(String type, String at, Object... fields) {
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("type", type);
        event.put("at", at);
        for (int i = 0; i < fields.length; i += 2) {
            event.put((String) fields[i], fields[i + 1]);
        }
        return event;
    }

    public static Map<String, Object> status(String at, String status) {
        return ev("status", at, "status", status);
    }

    public static Map<String, Object> handled(String at, int talk, int hold, int wrapUp) {
        return ev("handled", at, "talkSeconds", talk, "holdSeconds", hold, "wrapUpSeconds", wrapUp);
    }

    public Fixtures response(String id, String surveyId, String kind, int min, int max, Integer positiveFrom, double score,
            String submittedAt, String channel, String agentId, String customerId, String locale) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", id);
        payload.put("surveyId", surveyId);
        payload.put("kind", kind);
        payload.put("scaleMin", min);
        payload.put("scaleMax", max);
        payload.put("positiveFrom", positiveFrom);
        payload.put("score", score);
        payload.put("submittedAt", submittedAt);
        payload.put("channel", channel);
        payload.put("touchpoint", "support");
        payload.put("agentId", agentId);
        payload.put("customerId", customerId);
        payload.put("locale", locale);
        return event("response.upserted", payload);
    }

    /** A customer with purchases given as amount, at pairs. */
    public Fixtures customer(String id, String since, String churnedAt, boolean referred, Object... purchases) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < purchases.length; i += 2) {
            list.add(Map.of("amount", purchases[i], "at", purchases[i + 1]));
        }
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", id);
        payload.put("since", since);
        payload.put("churnedAt", churnedAt);
        payload.put("referred", referred);
        payload.put("purchases", list);
        return event("customer.upserted", payload);
    }

    public Fixtures engagement(String customerId, String type, String at) {
        return event("engagement.recorded", Map.of("customerId", customerId, "type", type, "at", at));
    }

    public Fixtures erase(String customerId) {
        return event("customer.erased", Map.of("customerId", customerId));
    }

    public Fixtures review(String id, String agentId, String createdAt, Double score) {
        Map<String, Object> payload = new LinkedHashMap<>();
        payload.put("id", id);
        payload.put("agentId", agentId);
        payload.put("createdAt", createdAt);
        payload.put("score", score);
        return event("review.upserted", payload);
    }

    public Fixtures invitation(String id, String surveyId, String sentAt, boolean responded) {
        return event("invitation.upserted", Map.of("id", id, "surveyId", surveyId, "sentAt", sentAt, "channel", "email",
                "responded", responded));
    }

    public Fixtures deleteResponse(String id) {
        return event("response.deleted", Map.of("id", id));
    }

    public Fixtures event(String type, Map<String, Object> payload) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", UUID.randomUUID().toString());
        envelope.put("type", type);
        // occurredAt is when the producer made the change: later changes of an aggregate are newer versions.
        envelope.put("occurredAt", CHANGES_START.plusMillis(changes++).toString());
        envelope.put("payload", payload);
        pending.add(envelope);
        return this;
    }


    /** Delivers everything built so far as one batch. */
    public Fixtures deliver() {
        given().auth().oauth2(TestTokens.producer(tenant, zone)).contentType(ContentType.JSON)
                .body(Map.of("events", List.copyOf(pending))).post("/internal/v1/events")
                .then().statusCode(200);
        pending.clear();
        return this;
    }

    public List<Map<String, Object>> pending() {
        return pending;
    }

    /** GET /api/v1/metrics/{metric} with query parameters given as name, value pairs. */
    public ValidatableResponse metric(String metric, String... params) {
        var request = given().config(DOUBLES).auth().oauth2(TestTokens.forTenantInZone(tenant, zone));
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        return request.get("/api/v1/metrics/" + metric).then();
    }

    public ValidatableResponse summary(String from, String to, String... params) {
        var request = given().config(DOUBLES).auth().oauth2(TestTokens.forTenantInZone(tenant, zone))
                .queryParam("from", from).queryParam("to", to);
        for (int i = 0; i < params.length; i += 2) {
            request = request.queryParam(params[i], params[i + 1]);
        }
        return request.get("/api/v1/metrics/summary").then();
    }
}
