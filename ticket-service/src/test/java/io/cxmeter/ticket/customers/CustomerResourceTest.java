package io.cxmeter.ticket.customers;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.cxmeter.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class CustomerResourceTest {

    static final String C17 = """
            {"id":"C-17","since":"2026-01-04T09:00:00Z","churnedAt":null,"referred":true,\
            "purchases":[{"amount":49.90,"at":"2026-02-01T10:00:00Z"}]}""";
    static final String C18 = """
            {"id":"C-18","since":"2025-06-01T00:00:00Z","churnedAt":"2026-01-31T00:00:00Z","attributes":{"plan":"pro"}}""";

    @Inject
    Pool pool;

    private final String tenant = "tenant-" + UUID.randomUUID();

    private RequestSpecification as(String tenant) {
        return given().auth().oauth2(TestTokens.forTenant(tenant));
    }

    private RequestSpecification ndjson(String... lines) {
        return as(tenant).contentType("application/x-ndjson").body(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    private long count(String sql) {
        return pool.preparedQuery(sql).execute(Tuple.of(tenant)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void customersWithPurchasesAreImportedAndReadBack() {
        ndjson(C17, C18).post("/api/v1/customers/import")
                .then().statusCode(200).body("created", equalTo(2)).body("updated", equalTo(0));

        as(tenant).get("/api/v1/customers/C-17")
                .then().statusCode(200)
                .body("since", equalTo("2026-01-04T09:00:00Z"))
                .body("referred", equalTo(true))
                .body("purchases[0].amount", equalTo(49.9f))
                .body("purchases[0].at", equalTo("2026-02-01T10:00:00Z"));
        as(tenant).get("/api/v1/customers/C-18")
                .then().body("churnedAt", equalTo("2026-01-31T00:00:00Z"))
                .body("referred", equalTo(false))
                .body("attributes.plan", equalTo("pro"));
        as(tenant).get("/api/v1/customers").then().body("items.id", contains("C-17", "C-18"));
        assertEquals(2, count("SELECT count(*) FROM outbox_event WHERE tenant_id = $1 AND type = 'customer.upserted'"));
    }

    @Test
    void reImportUpdatesAndReplacesPurchases() {
        ndjson(C17).post("/api/v1/customers/import").then().statusCode(200);
        ndjson(C17.replace("49.90", "10").replace("\"referred\":true", "\"referred\":false"))
                .post("/api/v1/customers/import")
                .then().body("created", equalTo(0)).body("updated", equalTo(1));

        as(tenant).get("/api/v1/customers/C-17")
                .then().body("referred", equalTo(false)).body("purchases.amount", contains(10));
        assertEquals(1, count("SELECT count(*) FROM purchase WHERE tenant_id = $1"));
    }

    @Test
    void badLinesAreNamedAndNothingIsStored() {
        ndjson(C17,
                "{\"id\":\"C-2\",\"since\":\"2026-02-01T00:00:00Z\",\"churnedAt\":\"2026-01-01T00:00:00Z\"}",
                "{\"id\":\"C-3\",\"since\":\"2026-02-01T00:00:00Z\",\"purchases\":[{\"amount\":-5,\"at\":\"2026-02-02T00:00:00Z\"}]}",
                "{\"since\":\"2026-02-01T00:00:00Z\"}")
                .post("/api/v1/customers/import")
                .then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("errors.line", contains(2, 3, 4))
                .body("errors[0].error", containsString("is before since"))
                .body("errors[1].error", startsWith("purchases[0].amount must be between 0"))
                .body("errors[2].error", equalTo("id is required"));
        as(tenant).get("/api/v1/customers").then().body("items", empty());
    }

    @Test
    void engagementEventsAreStoredOnceHoweverOftenSent() {
        String visit = "{\"customerId\":\"C-17\",\"type\":\"visit\",\"at\":\"2026-02-03T08:15:00Z\"}";
        String login = "{\"customerId\":\"C-17\",\"type\":\"login\",\"at\":\"2026-02-03T08:16:00Z\"}";
        as(tenant).contentType("application/x-ndjson").body((visit + "\n" + login).getBytes(StandardCharsets.UTF_8)).post("/api/v1/customers/events/import")
                .then().statusCode(200).body("created", equalTo(2)).body("updated", equalTo(0));
        as(tenant).contentType("application/x-ndjson").body((visit + "\n" + login).getBytes(StandardCharsets.UTF_8)).post("/api/v1/customers/events/import")
                .then().statusCode(200).body("created", equalTo(0)).body("updated", equalTo(2));
        assertEquals(2, count("SELECT count(*) FROM engagement_event WHERE tenant_id = $1"));
        assertEquals(2, count("SELECT count(*) FROM outbox_event WHERE tenant_id = $1 AND type = 'engagement.recorded'"));

        as(tenant).contentType("application/x-ndjson").body("{\"customerId\":\"C-17\",\"type\":\"Visit Page\",\"at\":\"2026-02-03T08:15:00Z\"}".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/customers/events/import")
                .then().statusCode(422).body("errors[0].error", startsWith("type 'Visit Page' must be"));
    }

    @Test
    void theLiveApiUsesTheSameRules() {
        as(tenant).contentType(ContentType.JSON).body("{\"id\":\"C-1\"}").post("/api/v1/customers")
                .then().statusCode(422).body("errors[0].field", equalTo("since"));
        as(tenant).contentType(ContentType.JSON).body(C17).post("/api/v1/customers").then().statusCode(201);
        as(tenant).contentType(ContentType.JSON).body("{\"customerId\":\"C-17\",\"type\":\"social_reaction\",\"at\":\"2026-02-04T00:00:00Z\"}")
                .post("/api/v1/customers/events").then().statusCode(204);
    }

    @Test
    void erasureRemovesTheCustomerEverywhereAndTellsMetrics() {
        ndjson(C17).post("/api/v1/customers/import").then().statusCode(200);
        as(tenant).contentType("application/x-ndjson")
                .body("{\"customerId\":\"C-17\",\"type\":\"visit\",\"at\":\"2026-02-03T08:15:00Z\"}".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/customers/events/import").then().statusCode(200);
        as(tenant).contentType(ContentType.JSON)
                .body("{\"id\":\"T-1\",\"channel\":\"email\",\"subject\":\"My address changed\",\"customerId\":\"C-17\","
                        + "\"createdAt\":\"2026-02-03T08:00:00Z\"}")
                .post("/api/v1/tickets").then().statusCode(201);
        as(tenant).contentType(ContentType.JSON)
                .body("{\"responseId\":\"R-9\",\"surveyId\":\"S-1\",\"score\":2,\"customerId\":\"C-17\"}")
                .post("/api/v1/follow-ups").then().statusCode(201);
        as(tenant).contentType(ContentType.JSON).body("{\"text\":\"C-17 says the new address is Elm Street 5\"}")
                .post("/api/v1/follow-ups/S-1:R-9/notes").then().statusCode(201);

        // Erasure is an admin's act.
        given().auth().oauth2(TestTokens.forTenant(tenant, "read", "write")).delete("/api/v1/customers/C-17")
                .then().statusCode(403).contentType("application/problem+json");
        as(tenant).get("/api/v1/customers/C-17").then().statusCode(200);

        as(tenant).delete("/api/v1/customers/C-17").then().statusCode(202)
                .header("Location", org.hamcrest.Matchers.startsWith("http"))
                .body("state", equalTo("pending")).body("customerId", equalTo("C-17"))
                .body("services.'ticket-service'", equalTo("done"));

        as(tenant).get("/api/v1/customers/C-17").then().statusCode(404);
        as(tenant).get("/api/v1/tickets/T-1").then().statusCode(200)
                .body("customerId", nullValue()).body("subject", nullValue());
        assertEquals(0, count("SELECT count(*) FROM engagement_event WHERE tenant_id = $1"));
        assertEquals(0, count("SELECT count(*) FROM purchase WHERE tenant_id = $1"));
        // The follow-up and the notes taken on it went too; its ticket stays, without the customer.
        as(tenant).get("/api/v1/follow-ups/S-1:R-9").then().statusCode(404);
        assertEquals(0, count("SELECT count(*) FROM follow_up_note WHERE tenant_id = $1"));
        as(tenant).get("/api/v1/tickets/followup-S-1:R-9").then().statusCode(200).body("customerId", nullValue());
        // The only outbox event left naming the customer is the one that tells metrics-service; the
        // waiting ticket event no longer names them.
        assertEquals(1, count("SELECT count(*) FROM outbox_event WHERE tenant_id = $1 AND type = 'customer.erased'"));
        assertEquals(1, count("SELECT count(*) FROM outbox_event WHERE tenant_id = $1 AND payload::text LIKE '%C-17%'"));
        assertEquals(0, count("SELECT count(*) FROM outbox_event WHERE tenant_id = $1 AND payload::text LIKE '%My address%'"));
        // Asked again, it erases again (whatever appeared since): never an error.
        as(tenant).delete("/api/v1/customers/C-17").then().statusCode(202);
    }

    @Test
    void tenantsNeverSeeOrEraseEachOthersCustomers() {
        ndjson(C17).post("/api/v1/customers/import").then().statusCode(200);
        String other = "other-" + UUID.randomUUID();
        as(other).get("/api/v1/customers/C-17").then().statusCode(404);
        as(other).get("/api/v1/customers").then().body("items", empty());
        String receipt = as(other).delete("/api/v1/customers/C-17").then().statusCode(202).extract().path("id");
        as(tenant).get("/api/v1/customers/C-17").then().statusCode(200);
        as(tenant).get("/api/v1/customers/erasures/" + receipt).then().statusCode(404);
        as(other).get("/api/v1/customers/erasures/" + receipt).then().statusCode(200);
    }
}
