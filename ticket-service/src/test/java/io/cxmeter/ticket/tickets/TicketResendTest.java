package io.cxmeter.ticket.tickets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.cxmeter.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Stored tickets sent to metrics-service again, a page at a time: each once, as a new version with its
 * full history, in the tenant's zone; counted as pending by the outbox status until sent; other
 * tenants untouched.
 */
@QuarkusTest
class TicketResendTest {

    @Inject
    Pool pool;

    @Inject
    TicketResend resend;

    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String other = "tenant-" + UUID.randomUUID();

    @Test
    void everyStoredTicketIsSentOnceMoreAsANewVersionAndFreshnessWaitsForIt() {
        SentTickets.importTickets(tenant, TicketImportTest.CALL, TicketImportTest.REOPENED_EMAIL, TicketImportTest.ABANDONED_CHAT,
                "{\"id\":\"T-4\",\"channel\":\"social\",\"createdAt\":\"2026-02-06T10:00:00Z\"}",
                "{\"id\":\"T-5\",\"channel\":\"api\",\"createdAt\":\"2026-02-07T10:00:00Z\"}");
        SentTickets.importTickets(other, TicketImportTest.CALL);
        Map<String, JsonObject> first = SentTickets.latestPayloads(pool, tenant);
        assertEquals(5, first.size());
        sql("UPDATE outbox_event SET published_at = now() WHERE tenant_id = $1", other);

        sql("INSERT INTO ticket_resend (tenant_id, zone, after_key, remaining, requested_at)"
                + " VALUES ($1, 'Europe/Vilnius', '', 5, now())", tenant);
        // The five imported events still wait (under the test's limit of six): one page goes, then the
        // outbox is full and the resend waits for delivery.
        assertTrue(resend.sendPage(tenant).await().indefinitely());
        assertFalse(resend.sendPage(tenant).await().indefinitely(), "no page while the tenant's outbox is full");
        assertEquals(10, pending(tenant), "seven in the outbox, three owed");
        sql("UPDATE outbox_event SET published_at = now() WHERE tenant_id = $1", tenant);
        status(tenant, 3);

        // Pages of two (the test setting): 2, 1, then an empty page that ends the resend. What was sent
        // waits in the outbox, what was not is owed: three in all until the end.
        int pages = 0;
        while (rows("SELECT 1 FROM ticket_resend WHERE tenant_id = $1", tenant) > 0) {
            assertTrue(resend.sendPage(tenant).await().indefinitely());
            pages++;
            assertEquals(3, pending(tenant), "pending after page " + pages);
        }
        assertEquals(3, pages);
        assertFalse(resend.sendPage(tenant).await().indefinitely(), "nothing is left to send");
        List<Row> sent = list("SELECT aggregate_id, payload, zone FROM outbox_event WHERE tenant_id = $1"
                + " AND created_at > (SELECT min(created_at) FROM outbox_event WHERE tenant_id = $1)", tenant);
        assertEquals(5, sent.size(), "each ticket once");
        for (Row row : sent) {
            JsonObject again = new JsonObject(row.getValue("payload").toString());
            JsonObject before = first.get(row.getString("aggregate_id"));
            assertEquals("Europe/Vilnius", row.getString("zone"));
            assertEquals(before.getInteger("version") + 1, again.getInteger("version"), "a new version");
            assertEquals(before.copy().put("version", 0), again.copy().put("version", 0), "the same ticket, history included");
        }
        given().auth().oauth2(TestTokens.forTenant(tenant)).get("/api/v1/tickets/T-2").then().statusCode(200)
                .body("events.size()", equalTo(8));
        assertEquals(0, rows("SELECT 1 FROM outbox_event WHERE tenant_id = $1 AND published_at IS NULL", other));
    }

    private static void status(String tenantId, int pending) {
        given().auth().oauth2(TestTokens.forTenant(tenantId)).get("/status/v1/outbox").then().statusCode(200)
                .body("pendingEvents", equalTo(pending));
    }

    private static int pending(String tenantId) {
        return given().auth().oauth2(TestTokens.forTenant(tenantId)).get("/status/v1/outbox").then().statusCode(200)
                .extract().path("pendingEvents");
    }

    private void sql(String sql, String tenantId) {
        pool.preparedQuery(sql).execute(Tuple.of(tenantId)).await().indefinitely();
    }

    private int rows(String sql, String tenantId) {
        return list(sql, tenantId).size();
    }

    private List<Row> list(String sql, String tenantId) {
        List<Row> out = new java.util.ArrayList<>();
        pool.preparedQuery(sql).execute(Tuple.of(tenantId)).await().indefinitely().forEach(out::add);
        return out;
    }
}
