package io.cxmeter.ticket.tickets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.cxmeter.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

@QuarkusTest
class TicketImportTest {

    static final String CALL = """
            {"id":"T-1001","channel":"call","subject":"Router down","customerId":"C-17","priority":"normal","team":"tier-1","createdAt":"2026-02-03T08:00:00Z","events":[\
            {"type":"queued","at":"2026-02-03T08:00:00Z"},\
            {"type":"answered","at":"2026-02-03T08:00:14Z","agentId":"A-3"},\
            {"type":"assigned","at":"2026-02-03T08:00:14Z","agentId":"A-3"},\
            {"type":"agent_reply","at":"2026-02-03T08:00:14Z","agentId":"A-3"},\
            {"type":"handled","at":"2026-02-03T08:09:00Z","talkSeconds":420,"holdSeconds":60,"wrapUpSeconds":45},\
            {"type":"status","at":"2026-02-03T08:09:45Z","status":"resolved"}]}""";

    /** An e-mail resolved, reopened by the customer, resolved again and closed; events given out of order. */
    static final String REOPENED_EMAIL = """
            {"id":"T-2","channel":"email","subject":"Invoice","customerId":"C-9","createdAt":"2026-02-04T09:00:00+02:00","tags":["billing"],"events":[\
            {"type":"status","at":"2026-02-05T10:00:00Z","status":"closed"},\
            {"type":"status","at":"2026-02-04T08:00:00Z","status":"open"},\
            {"type":"assigned","at":"2026-02-04T08:05:00Z","agentId":"A-7"},\
            {"type":"agent_reply","at":"2026-02-04T09:00:00Z","agentId":"A-7"},\
            {"type":"status","at":"2026-02-04T09:01:00Z","status":"resolved"},\
            {"type":"customer_reply","at":"2026-02-04T12:00:00Z"},\
            {"type":"status","at":"2026-02-04T12:00:00Z","status":"open"},\
            {"type":"status","at":"2026-02-04T15:00:00Z","status":"resolved"}]}""";

    static final String ABANDONED_CHAT = """
            {"id":"T-3","channel":"chat","createdAt":"2026-02-03T10:00:00Z","events":[\
            {"type":"queued","at":"2026-02-03T10:00:00Z"},{"type":"abandoned","at":"2026-02-03T10:00:04Z"}]}""";

    @Inject
    Pool pool;

    private final String tenant = "tenant-" + UUID.randomUUID();

    private static RequestSpecification as(String tenant) {
        return given().auth().oauth2(TestTokens.forTenant(tenant));
    }

    private static RequestSpecification ndjson(String tenant, String... lines) {
        return as(tenant).contentType("application/x-ndjson")
                .body(String.join("\n", lines).getBytes(StandardCharsets.UTF_8));
    }

    private long count(String sql) {
        return pool.preparedQuery(sql).execute(Tuple.of(tenant)).await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void aMultiChannelHistoryIsImportedAndReadBackEventByEvent() {
        ndjson(tenant, CALL, REOPENED_EMAIL, ABANDONED_CHAT).post("/api/v1/tickets/import")
                .then().statusCode(200)
                .body("created", equalTo(3)).body("updated", equalTo(0));

        as(tenant).get("/api/v1/tickets/T-1001")
                .then().statusCode(200)
                .body("channel", equalTo("call"))
                .body("status", equalTo("resolved"))
                .body("events.type", contains("queued", "answered", "assigned", "agent_reply", "handled", "status"))
                .body("events[4].talkSeconds", equalTo(420))
                .body("facts.queuedAt", equalTo("2026-02-03T08:00:00Z"))
                .body("facts.answeredAt", equalTo("2026-02-03T08:00:14Z"))
                .body("facts.firstReplyAt", equalTo("2026-02-03T08:00:14Z"))
                .body("facts.resolvedAt", equalTo("2026-02-03T08:09:45Z"))
                .body("facts.handledAt", equalTo("2026-02-03T08:09:00Z"));

        as(tenant).get("/api/v1/tickets/T-2")
                .then().statusCode(200)
                .body("createdAt", equalTo("2026-02-04T07:00:00Z"))
                .body("status", equalTo("closed"))
                .body("events.at", contains("2026-02-04T08:00:00Z", "2026-02-04T08:05:00Z", "2026-02-04T09:00:00Z",
                        "2026-02-04T09:01:00Z", "2026-02-04T12:00:00Z", "2026-02-04T12:00:00Z",
                        "2026-02-04T15:00:00Z", "2026-02-05T10:00:00Z"))
                .body("facts.reopenCount", equalTo(1))
                .body("facts.resolvedAt", equalTo("2026-02-04T15:00:00Z"))
                .body("facts.firstAssignee", equalTo("A-7"))
                .body("tags", contains("billing"));

        as(tenant).get("/api/v1/tickets/T-3")
                .then().body("status", equalTo("new")).body("facts.abandonedAt", equalTo("2026-02-03T10:00:04Z"));

        // Agents exist from their first mention.
        as(tenant).get("/api/v1/agents").then().body("items.id", hasItems("A-3", "A-7"));
        // One outbox event per ticket, in the same transaction.
        assertEquals(3, count("SELECT count(*) FROM outbox_event WHERE tenant_id = $1 AND type = 'ticket.upserted'"));
    }

    @Test
    void reSendingTheSameIdsUpdatesAndReplacesTheHistory() {
        ndjson(tenant, CALL, ABANDONED_CHAT).post("/api/v1/tickets/import").then().statusCode(200);

        String changed = ABANDONED_CHAT.replace("{\"type\":\"abandoned\",\"at\":\"2026-02-03T10:00:04Z\"}",
                "{\"type\":\"answered\",\"at\":\"2026-02-03T10:00:09Z\",\"agentId\":\"A-1\"}");
        ndjson(tenant, changed).post("/api/v1/tickets/import")
                .then().statusCode(200)
                .body("created", equalTo(0)).body("updated", equalTo(1));

        as(tenant).get("/api/v1/tickets/T-3")
                .then().body("events.type", contains("queued", "answered"))
                .body("facts.answeredBy", equalTo("A-1"));
        assertEquals(2, count("SELECT count(*) FROM ticket WHERE tenant_id = $1"));
        assertEquals(8, count("SELECT count(*) FROM ticket_event WHERE tenant_id = $1"));
    }

    @Test
    void everyBadLineIsNamedAndNothingIsStored() {
        String badChannel = ABANDONED_CHAT.replace("\"chat\"", "\"fax\"").replace("T-3", "T-4");
        String early = CALL.replace("\"createdAt\":\"2026-02-03T08:00:00Z\"", "\"createdAt\":\"2026-02-03T08:05:00Z\"");
        ndjson(tenant, REOPENED_EMAIL, badChannel, "", early, "{not json").post("/api/v1/tickets/import")
                .then().statusCode(422)
                .contentType(startsWith("application/problem+json"))
                .body("detail", equalTo("3 lines are invalid; nothing was imported."))
                .body("errors.line", contains(2, 4, 4, 4, 4, 5))
                .body("errors[0].error", equalTo("channel 'fax' is not one of email, chat, call, social, web_form, api"))
                .body("errors[1].error", containsString("before the ticket's createdAt"));

        as(tenant).get("/api/v1/tickets/T-2").then().statusCode(404);
        assertEquals(0, count("SELECT count(*) FROM outbox_event WHERE tenant_id = $1"));
    }

    @Test
    void theSameIdTwiceInOneFileIsAnError() {
        ndjson(tenant, ABANDONED_CHAT, ABANDONED_CHAT).post("/api/v1/tickets/import")
                .then().statusCode(422)
                .body("errors[0].line", equalTo(2))
                .body("errors[0].error", equalTo("id 'T-3' is also on line 1; each ticket once per import"));
    }

    @Test
    void unknownFieldsAndMissingRequiredOnesAreErrors() {
        ndjson(tenant, "{\"id\":\"T-9\",\"channel\":\"chat\",\"createdat\":\"2026-02-03T10:00:00Z\"}",
                "{\"channel\":\"chat\",\"createdAt\":\"yesterday\",\"events\":[{\"type\":\"assigned\",\"at\":\"2026-02-03T10:00:00Z\"}]}")
                .post("/api/v1/tickets/import")
                .then().statusCode(422)
                .body("errors.line", hasItems(1, 2))
                .body("errors.error", hasItems(containsString("createdat"), equalTo("id is required"),
                        equalTo("createdAt 'yesterday' is not an ISO-8601 instant with offset")));
    }

    @Test
    void anEmptyFileIsAnError() {
        ndjson(tenant, "", "").post("/api/v1/tickets/import")
                .then().statusCode(422).body("errors[0].error", equalTo("the file holds no ticket lines"));
    }

    @Test
    void tenantsNeverSeeEachOthersTickets() {
        String other = "other-" + UUID.randomUUID();
        ndjson(tenant, CALL).post("/api/v1/tickets/import").then().statusCode(200);

        as(other).get("/api/v1/tickets/T-1001").then().statusCode(404);
        as(other).get("/api/v1/tickets").then().body("items", empty());
        as(other).contentType("application/json").body("{\"type\":\"agent_reply\",\"agentId\":\"X\"}")
                .post("/api/v1/tickets/T-1001/events").then().statusCode(404);

        ndjson(other, CALL).post("/api/v1/tickets/import").then().body("created", equalTo(1));
        as(tenant).get("/api/v1/tickets").then().body("items", hasSize(1));
    }
}
