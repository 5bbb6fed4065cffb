package io.cxmeter.metrics.events;

import static io.cxmeter.metrics.Fixtures.ev;
import static io.cxmeter.metrics.Fixtures.status;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
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

    @jakarta.inject.Inject
    io.vertx.mutiny.sqlclient.Pool pool;

    @Test
    void onlyPayloadsOfUnreadTypesAreKeptAndErasureScrubsThem() {
        Fixtures f = new Fixtures("UTC");
        f.response("R1", "S1", "NPS", 0, 10, null, 9, "2026-03-02T09:00:00Z", "email", "A1", "C-9", "lt")
                .event("loyalty.points.added", Map.of("customerId", "C-9", "points", 40))
                .event("loyalty.points.added", Map.of("customerId", "C-10", "points", 5))
                .deliver();
        // The response lives on as facts; the event of a type this version does not read keeps its payload.
        org.junit.jupiter.api.Assertions.assertEquals(List.of("loyalty.points.added:C-10", "loyalty.points.added:C-9",
                "response.upserted:-"), payloads(f));
        f.metric("nps", "from", FROM, "to", TO).body("value", equalTo(100.0));

        f.erase("C-9").deliver();
        org.junit.jupiter.api.Assertions.assertEquals(List.of("customer.erased:-", "loyalty.points.added:-",
                "loyalty.points.added:C-10", "response.upserted:-"), payloads(f));
    }

    @Test
    void afterAnErasureNothingNamesTheCustomerAndAnOlderUpdateCannotBringThemBack() {
        Fixtures f = new Fixtures("UTC");
        f.customer("C-9", "2026-01-01T00:00:00Z", null, false, 20, "2026-03-03T10:00:00Z")
                .engagement("C-9", "visit", "2026-03-02T08:00:00Z")
                .response("R1", "S1", "NPS", 0, 10, null, 9, "2026-03-02T09:00:00Z", "email", "A1", "C-9", "lt")
                .deliver();
        // Told before the erasure in the erasing batch itself: a ticket and another visit.
        f.ticket("T1", "chat", null, "C-9", "2026-03-04T09:00:00Z").engagement("C-9", "login", "2026-03-04T08:00:00Z")
                .erase("C-9").deliver();
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), namingTheCustomer(f, "C-9"));
        // The response's score and the ticket stay, anonymous.
        f.metric("nps", "from", FROM, "to", TO).body("value", equalTo(100.0)).body("count", equalTo(1));
        f.metric("ticket-volume", "from", FROM, "to", TO).body("value", equalTo(1.0));
        f.metric("clv", "from", FROM, "to", TO).body("count", equalTo(0));
    }

    @Test
    void anUpdateOlderThanTheErasureArrivingAfterItIsIgnored() {
        Fixtures f = new Fixtures("UTC");
        f.customer("C-9", "2026-01-01T00:00:00Z", null, false, 20, "2026-03-03T10:00:00Z");
        Map<String, Object> stale = f.pending().remove(0);
        f.customer("C-9", "2026-01-01T00:00:00Z", null, false, 30, "2026-03-03T10:00:00Z").erase("C-9").deliver();
        f.pending().add(stale);
        f.deliver();
        org.junit.jupiter.api.Assertions.assertEquals(List.of(), namingTheCustomer(f, "C-9"));
    }

    @Test
    void anErasureOlderThanTheCustomerItFindsLeavesThatCustomerWhole() {
        Fixtures f = new Fixtures("UTC");
        f.customer("C-9", "2026-01-01T00:00:00Z", null, false, 20, "2026-03-03T10:00:00Z").deliver();
        // The customer was erased, then came back (a newer version); the erasure arrives last.
        f.erase("C-9");
        Map<String, Object> erasure = f.pending().remove(0);
        f.customer("C-9", "2026-03-10T00:00:00Z", null, false, 40, "2026-03-12T10:00:00Z").deliver();
        f.pending().add(erasure);
        f.deliver();
        // The newer customer (its customer fact and its purchase) stays as it was, still its own.
        org.junit.jupiter.api.Assertions.assertEquals(List.of("aggregate_version:customer", "contribution:customer",
                "contribution:customer", "customer_fact"), namingTheCustomer(f, "C-9"));
    }

    /** The tables and sources of the metrics rows that still name the customer. */
    private List<String> namingTheCustomer(Fixtures f, String customer) {
        List<String> out = new ArrayList<>();
        pool.preparedQuery("""
                SELECT 'contribution:' || source AS row FROM contribution WHERE tenant_id = $1 AND customer_id = $2
                UNION ALL SELECT 'aggregate_version:' || source FROM aggregate_version
                 WHERE tenant_id = $1 AND position($2 IN aggregate_id) > 0
                UNION ALL SELECT 'customer_fact' FROM customer_fact WHERE tenant_id = $1 AND customer_id = $2
                ORDER BY 1""").execute(io.vertx.mutiny.sqlclient.Tuple.of(f.tenant(), customer)).await().indefinitely()
                .forEach(row -> out.add(row.getString("row")));
        return out;
    }

    private List<String> payloads(Fixtures f) {
        List<String> out = new ArrayList<>();
        pool.preparedQuery("SELECT type, payload ->> 'customerId' AS customer FROM received_event WHERE tenant_id = $1"
                + " ORDER BY type, customer NULLS FIRST").execute(io.vertx.mutiny.sqlclient.Tuple.of(f.tenant()))
                .await().indefinitely()
                .forEach(row -> out.add(row.getString("type") + ":" + (row.getString("customer") == null ? "-" : row.getString("customer"))));
        return out;
    }

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
    void aChangedTicketMovesItsDurationInTheSketches() {
        // Three tickets share every rollup row (same hour, channel, agent); T1's first reply then moves.
        Fixtures f = new Fixtures("UTC");
        f.ticket("T1", "email", null, null, "2026-03-02T09:00:00Z", ev("agent_reply", "2026-03-02T09:10:00Z", "agentId", "A1"));
        f.ticket("T2", "email", null, null, "2026-03-02T09:05:00Z", ev("agent_reply", "2026-03-02T10:05:00Z", "agentId", "A1"));
        f.ticket("T3", "email", null, null, "2026-03-02T09:02:00Z", ev("agent_reply", "2026-03-02T10:32:00Z", "agentId", "A1"));
        f.deliver();
        f.metric("first-response-time", "from", FROM, "to", TO).body("details.median", closeTo(3600, 36));
        f.ticket("T1", "email", null, null, "2026-03-02T09:00:00Z", ev("agent_reply", "2026-03-02T11:00:00Z", "agentId", "A1"));
        f.deliver();
        // FRTs are now 7,200, 3,600 and 5,400 s. Had the 600 s bin stayed in a sketch, the median would be 3,600.
        f.metric("first-response-time", "from", FROM, "to", TO, "groupBy", "agent")
                .body("value", closeTo(5400, 1e-9)).body("count", equalTo(3))
                .body("details.median", closeTo(5400, 54)).body("details.p90", closeTo(7200, 72))
                .body("groups[0].details.median", closeTo(5400, 54));
        // The same from hour rows only, and T1 has left the hour of its old reply.
        f.metric("first-response-time", "from", "2026-03-02T10:00:00Z", "to", "2026-03-02T12:00:00Z")
                .body("count", equalTo(3)).body("details.median", closeTo(5400, 54));
        f.metric("first-response-time", "from", "2026-03-02T09:00:00Z", "to", "2026-03-02T10:00:00Z")
                .body("count", equalTo(0));
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
    void concurrentBatchesOfOneTenantAddUpExactly() throws Exception {
        // 8 producers deliver at once; each batch creates 25 tickets and moves 5 earlier ones to a newer version.
        Fixtures f = new Fixtures("UTC");
        List<List<Map<String, Object>>> batches = new ArrayList<>();
        for (int b = 0; b < 8; b++) {
            for (int t = 0; t < 25; t++) {
                f.ticket("B" + b + "-" + t, t % 2 == 0 ? "email" : "chat", null, null, "2026-03-0" + (1 + t % 9) + "T09:00:00Z",
                        ev("agent_reply", "2026-03-0" + (1 + t % 9) + "T09:10:00Z", "agentId", "A" + (t % 3)));
            }
            for (int t = 0; b > 0 && t < 5; t++) {
                // Version 2 of a ticket of the previous batch, which may well be applied before version 1.
                f.ticket("B" + (b - 1) + "-" + t, t % 2 == 0 ? "email" : "chat", null, null, "2026-03-0" + (1 + t % 9) + "T09:00:00Z",
                        ev("agent_reply", "2026-03-0" + (1 + t % 9) + "T09:10:00Z", "agentId", "A" + (t % 3)),
                        status("2026-03-10T00:00:00Z", "resolved"));
            }
            batches.add(new ArrayList<>(f.pending()));
            f.pending().clear();
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> answers = new ArrayList<>();
            for (List<Map<String, Object>> batch : batches) {
                answers.add(pool.submit(() -> given().auth().oauth2(TestTokens.producer(f.tenant())).contentType(ContentType.JSON)
                        .body(Map.of("events", batch)).post("/internal/v1/events").statusCode()));
            }
            for (java.util.concurrent.Future<Integer> answer : answers) {
                org.junit.jupiter.api.Assertions.assertEquals(200, answer.get());
            }
        } finally {
            pool.shutdown();
        }
        // 200 tickets (13 of each batch's 25 by e-mail); every reply after 600 s; 7 x 5 resolved by their version 2.
        f.metric("ticket-volume", "from", FROM, "to", TO, "groupBy", "channel")
                .body("value", equalTo(200.0))
                .body("groups.find { it.key == 'email' }.value", equalTo(104.0))
                .body("groups.find { it.key == 'chat' }.value", equalTo(96.0));
        f.metric("backlog", "from", FROM, "to", TO).body("value", equalTo(165.0));
        f.metric("resolution-time", "from", FROM, "to", TO).body("count", equalTo(35));
        f.metric("first-response-time", "from", FROM, "to", TO, "groupBy", "agent")
                .body("value", closeTo(600, 1e-9)).body("count", equalTo(200))
                .body("groups.count { it.count > 0 }", equalTo(3));
    }

    @Test
    void anUnreadableEventRejectsTheBatchAndStoresNothing() {
        Fixtures f = new Fixtures("UTC");
        f.ticket("T1", "email", null, null, "2026-03-02T09:00:00Z");
        f.event("response.upserted", Map.of("id", "R1", "surveyId", "S", "kind", "NPS", "submittedAt", "2026-03-05T10:00:00Z"));
        given().auth().oauth2(TestTokens.producer(f.tenant())).contentType(ContentType.JSON)
                .body(Map.of("events", f.pending())).post("/internal/v1/events")
                .then().statusCode(422).body("errors.field", hasItem("events[1].payload"));
        f.metric("ticket-volume", "from", FROM, "to", TO).body("value", nullValue()).body("count", equalTo(0));
        given().auth().oauth2(TestTokens.forTenant(f.tenant())).get("/api/v1/metrics/freshness")
                .then().body("receivedEvents", equalTo(0));
    }
}
