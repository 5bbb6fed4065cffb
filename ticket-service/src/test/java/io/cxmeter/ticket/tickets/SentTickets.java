package io.cxmeter.ticket.tickets;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

import io.cxmeter.testing.TestTokens;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** Tickets imported as a tenant would, and what the outbox holds to send of them. */
public final class SentTickets {

    private SentTickets() {
    }

    /** Imports NDJSON lines for the tenant; the import must succeed. */
    public static void importTickets(String tenant, String... lines) {
        given().auth().oauth2(TestTokens.forTenant(tenant)).contentType("application/x-ndjson")
                .body(String.join("\n", lines).getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/tickets/import").then().statusCode(200);
    }

    /** Each ticket's latest {@code ticket.upserted} payload in the tenant's outbox, by ticket id. */
    public static Map<String, JsonObject> latestPayloads(Pool pool, String tenant) {
        Map<String, JsonObject> out = new HashMap<>();
        pool.preparedQuery("SELECT aggregate_id, payload FROM outbox_event WHERE tenant_id = $1 AND type = 'ticket.upserted'"
                + " ORDER BY created_at").execute(Tuple.of(tenant)).await().indefinitely()
                .forEach(row -> out.put(row.getString("aggregate_id"), new JsonObject(row.getValue("payload").toString())));
        return out;
    }
}
