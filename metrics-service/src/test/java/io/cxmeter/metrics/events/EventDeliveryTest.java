package io.cxmeter.metrics.events;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.cxmeter.testing.Management;
import io.cxmeter.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
class EventDeliveryTest {

    private final String metrics = Management.url("/q/metrics");

    private final String tenantA = "tenant-a-" + UUID.randomUUID();
    private final String tenantB = "tenant-b-" + UUID.randomUUID();

    private static RequestSpecification as(String tenant) {
        return given().auth().oauth2(TestTokens.forTenant(tenant)).contentType(ContentType.JSON);
    }

    /** The outbox of a producer delivering for a tenant. */
    private static RequestSpecification producer(String tenant) {
        return given().auth().oauth2(TestTokens.producer(tenant)).contentType(ContentType.JSON);
    }

    private static String batch(String... ids) {
        StringBuilder events = new StringBuilder();
        for (int i = 0; i < ids.length; i++) {
            events.append(i == 0 ? "" : ",")
                    .append("{\"id\":\"").append(ids[i]).append("\",\"type\":\"response.accepted\",")
                    .append("\"occurredAt\":\"2026-02-03T08:2").append(i).append(":00Z\",\"payload\":{\"score\":9}}");
        }
        return "{\"events\":[" + events + "]}";
    }

    @Test
    void redeliveredEventsAreStoredOnce() {
        producer(tenantA).body(batch("e-1", "e-2")).post("/internal/v1/events")
                .then().statusCode(200)
                .body("received", equalTo(2)).body("stored", equalTo(2)).body("duplicates", equalTo(0));

        // The producer did not see the answer and sends again, with one new event.
        producer(tenantA).body(batch("e-1", "e-2", "e-3")).post("/internal/v1/events")
                .then().statusCode(200)
                .body("stored", equalTo(1)).body("duplicates", equalTo(2));

        as(tenantA).get("/api/v1/metrics/freshness")
                .then().statusCode(200)
                .body("receivedEvents", equalTo(3))
                .body("latestEventAt", startsWith("2026-02-03T08:22"));
    }

    @Test
    void concurrentDeliveriesAreCountedOnceEach() {
        // 24 batches at once, 8 in flight, each of 4 events; batch k repeats the ids of batch k - 1
        // after a retry: e-0 … e-24 are 25 distinct events, however the deliveries interleave.
        // Concurrent deliveries of a tenant may be applied in one transaction: each still gets its own
        // answer, and together the answers count every distinct event stored exactly once.
        double deliveriesBefore = meter("cxmeter_ingestion_deliveries_total");
        double transactionsBefore = meter("cxmeter_ingestion_transactions_total");
        double storedBefore = meter("cxmeter_ingestion_events_total{outcome=\"stored\"}");
        double duplicatesBefore = meter("cxmeter_ingestion_events_total{outcome=\"duplicate\"}");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            java.util.List<java.util.concurrent.Future<io.restassured.response.ExtractableResponse<?>>> sent = new java.util.ArrayList<>();
            for (int k = 0; k < 24; k++) {
                int b = k;
                sent.add(pool.submit(() -> producer(tenantA).body(batch("e-" + b, "e-" + (b + 1), "e-" + b, "e-" + (b + 1)))
                        .post("/internal/v1/events").then().statusCode(200)
                        .body("received", equalTo(4)).extract()));
            }
            int stored = 0;
            for (java.util.concurrent.Future<io.restassured.response.ExtractableResponse<?>> f : sent) {
                var answer = f.get();
                int mine = answer.<Integer>path("stored");
                assertEquals(4, mine + answer.<Integer>path("duplicates"));
                stored += mine;
            }
            assertEquals(25, stored);
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            pool.shutdown();
        }
        // What operators see: every delivery applied, in as many transactions or fewer, nothing waiting.
        assertEquals(24, meter("cxmeter_ingestion_deliveries_total") - deliveriesBefore);
        double transactions = meter("cxmeter_ingestion_transactions_total") - transactionsBefore;
        assertTrue(transactions >= 1 && transactions <= 24, "transactions: " + transactions);
        assertEquals(25, meter("cxmeter_ingestion_events_total{outcome=\"stored\"}") - storedBefore);
        assertEquals(24 * 4 - 25, meter("cxmeter_ingestion_events_total{outcome=\"duplicate\"}") - duplicatesBefore);
        assertEquals(0, meter("cxmeter_ingestion_waiting"));
        as(tenantA).get("/api/v1/metrics/freshness").then().statusCode(200)
                .body("receivedEvents", equalTo(25))
                .body("latestEventAt", startsWith("2026-02-03T08:21"))
                .body("upToDate", equalTo(true))
                .body("lagSeconds", equalTo(0.0f))
                .body("lastDeliverySeconds", org.hamcrest.Matchers.greaterThan(0f));
    }

    @Test
    void tenantsDoNotSeeEachOthersEvents() {
        producer(tenantA).body(batch("shared-id")).post("/internal/v1/events").then().statusCode(200);
        // The same event id from another tenant is that tenant's own event, not a duplicate.
        producer(tenantB).body(batch("shared-id")).post("/internal/v1/events")
                .then().body("stored", equalTo(1));

        as(tenantB).get("/api/v1/metrics/freshness").then().body("receivedEvents", equalTo(1));
        String fresh = "tenant-c-" + UUID.randomUUID();
        as(fresh).get("/api/v1/metrics/freshness")
                .then().body("receivedEvents", equalTo(0)).body("lastReceivedAt", nullValue());
    }

    @Test
    void anInvalidEventRejectsTheWholeBatch() {
        String body = "{\"events\":[{\"id\":\"ok\",\"type\":\"t\",\"occurredAt\":\"2026-02-03T08:00:00Z\"},"
                + "{\"id\":\"bad\",\"occurredAt\":\"2026-02-03T08:00:00Z\"}]}";
        producer(tenantA).body(body).post("/internal/v1/events")
                .then().statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("events[1].type"));

        as(tenantA).get("/api/v1/metrics/freshness").then().body("receivedEvents", equalTo(0));
    }

    @Test
    void onlyProducersDeliverAndProducersReadNothing() {
        // A gateway token (any tenant API caller) cannot inject events…
        as(tenantA).body(batch("forged")).post("/internal/v1/events").then().statusCode(401);
        // …and a producer token opens no tenant API.
        producer(tenantA).get("/api/v1/metrics/freshness").then().statusCode(401);
        as(tenantA).get("/api/v1/metrics/freshness").then().body("receivedEvents", equalTo(0));
    }

    @Test
    void anEmptyBatchIsABadRequest() {
        producer(tenantA).body("{\"events\":[]}").post("/internal/v1/events")
                .then().statusCode(400).body("errors[0].field", equalTo("events"));
    }

    /** A sample of this instance's Prometheus endpoint, 0 when it has not been recorded yet. */
    private double meter(String sample) {
        for (String line : given().get(metrics).then().statusCode(200).extract().asString().split("\n")) {
            if (line.startsWith(sample + " ")) {
                return Double.parseDouble(line.substring(sample.length() + 1).trim());
            }
        }
        return 0;
    }
}
