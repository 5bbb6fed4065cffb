package io.cxmeter.metrics.events;

import static io.cxmeter.metrics.Fixtures.ev;
import static io.cxmeter.metrics.Fixtures.status;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cxmeter.metrics.Fixtures;
import io.cxmeter.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** Events are applied once, in version order, whatever order and however often they arrive. */
@QuarkusTest
class IngestionTest {

    private static final String FROM = "2026-03-01T00:00:00Z";
    private static final String TO = "2026-04-01T00:00:00Z";

    @Test
    void aRedeliveredBatchChangesNothing() {
        Fixtures f = new Fixtures("UTC");
        f.ticket("T1", "email", null, null, "2026-03-02T09:00:00Z",
                ev("agent_reply", "2026-03-02T09:10:00Z", "agentId", "A1"));
        List<Map<String, Object>> batch = new ArrayList<>(f.pending());
        f.deliver();
        given().auth().oauth2(TestTokens.producer(f.tenant())).contentType(ContentType.JSON)
                .body(Map.of("events", batch)).post("/internal/v1/events")
                .then().statusCode(200).body("duplicates", equalTo(1));
        f.metric("ticket-volume", "from", FROM, "to", TO).body("value", equalTo(1.0));
        f.metric("first-response-time", "from", FROM, "to", TO).body("count", equalTo(1));
    }

    @Test
    void aNewerVersionReplacesTheTicketAndAnOlderOneIsIgnored() {
        Fixtures f = new Fixtures("UTC");
        f.ticket("T1", "email", null, null, "2026-03-02T09:00:00Z");
        f.deliver();
        // Version 2: the agent replied and resolved it; the history arrives in any order and is read by time.
        f.ticket("T1", "email", null, null, "2026-03-02T09:00:00Z",
                status("2026-03-02T10:00:00Z", "resolved"),
                ev("agent_reply", "2026-03-02T09:30:00Z", "agentId", "A1"));
        List<Map<String, Object>> newer = new ArrayList<>(f.pending());
        f.pending().clear();
        // Version 3 reopened it; it is delivered before version 2 (replicas relay in any order).
        f.ticket("T1", "email", null, null, "2026-03-02T09:00:00Z",
                ev("agent_reply", "2026-03-02T09:30:00Z", "agentId", "A1"),
                status("2026-03-02T10:00:00Z", "resolved"),
                status("2026-03-03T10:00:00Z", "open"));
        f.deliver();
        f.pending().addAll(newer);
        f.deliver();
        // Still one ticket; version 3 holds: open again, so in the backlog, no lasting resolution.
        f.metric("ticket-volume", "from", FROM, "to", TO).body("value", equalTo(1.0));
        f.metric("backlog", "from", FROM, "to", TO).body("value", equalTo(1.0));
        f.metric("resolution-time", "from", FROM, "to", TO).body("count", equalTo(0));
        f.metric("first-response-time", "from", FROM, "to", TO).body("value", closeTo(1800, 1e-9));
    }

    @Test
    void aChangedOrDeletedResponseLeavesTheMetrics() {
        Fixtures f = new Fixtures("UTC");
        f.response("R1", "S", "NPS", 0, 10, null, 0, "2026-03-05T10:00:00Z", "email", null, null, "en");
        f.response("R2", "S", "NPS", 0, 10, null, 10, "2026-03-05T11:00:00Z", "email", null, null, "en");
        f.deliver();
        f.metric("nps", "from", FROM, "to", TO).body("value", closeTo(0, 1e-9));
        // R1 re-imported as a 9: two promoters.
        f.response("R1", "S", "NPS", 0, 10, null, 9, "2026-03-05T10:00:00Z", "email", null, null, "en").deliver();
        f.metric("nps", "from", FROM, "to", TO).body("value", closeTo(100, 1e-9)).body("count", equalTo(2));
        f.deleteResponse("R2").deliver();
        f.metric("nps", "from", FROM, "to", TO).body("count", equalTo(1));
    }

    @Test
    void anUnreadableEventRejectsTheBatchAndStoresNothing() {
        Fixtures f = new Fixtures("UTC");
        f.ticket("T1", "email", null, null, "2026-03-02T09:00:00Z");
        f.event("response.upserted", Map.of("id", "R1", "surveyId", "S", "kind", "NPS", "submittedAt", "2026-03-05T10:00:00Z"));
        given().auth().oauth2(TestTokens.producer(f.tenant())).contentType(ContentType.JSON)
                .body(Map.of("events", f.pending())).post("/internal/v1/events")
                .then().statusCode(422).body("errors.field", hasItem("events[1].payload"));
        f.metric("ticket-volume", "from", FROM, "to", TO).body("value", equalTo(0.0));
        given().auth().oauth2(TestTokens.forTenant(f.tenant())).get("/api/v1/metrics/freshness")
                .then().body("receivedEvents", equalTo(0));
    }
}
