package io.cxmeter.ticket.outbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.cxmeter.outbox.OutboxBacklog;
import io.cxmeter.testing.Management;
import io.cxmeter.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;

/** What waits in the outbox: per tenant for freshness (with the tenant's token), in total for autoscaling. */
@QuarkusTest
class OutboxBacklogTest {

    @Inject
    OutboxBacklog backlog;

    @Test
    void waitingEventsAreCountedPerTenantAndInTotal() {
        String tenant = "tenant-" + UUID.randomUUID();
        String other = "tenant-" + UUID.randomUUID();
        // The relay is off in these tests: what is imported stays in the outbox.
        given().auth().oauth2(TestTokens.forTenant(tenant)).contentType("application/x-ndjson")
                .body(("{\"id\":\"B-1\",\"channel\":\"email\",\"createdAt\":\"2026-02-03T08:00:00Z\"}\n"
                        + "{\"id\":\"B-2\",\"channel\":\"chat\",\"createdAt\":\"2026-02-03T09:00:00Z\"}").getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/tickets/import").then().statusCode(200);

        given().auth().oauth2(TestTokens.forTenant(tenant)).get("/status/v1/outbox").then().statusCode(200)
                .body("service", equalTo("ticket-service")).body("pendingEvents", equalTo(2))
                .body("oldestPendingAt", notNullValue());
        given().auth().oauth2(TestTokens.forTenant(other)).get("/status/v1/outbox").then().statusCode(200)
                .body("pendingEvents", equalTo(0));
        given().get("/status/v1/outbox").then().statusCode(401);

        backlog.measure().await().indefinitely();
        String metrics = given().get(Management.url("/q/metrics")).then().statusCode(200).extract().asString();
        Matcher pending = Pattern.compile("(?m)^cxmeter_outbox_pending(\\{[^}]*\\})? ([0-9.E]+)").matcher(metrics);
        assertTrue(pending.find(), "the backlog gauge is exported");
        assertTrue(Double.parseDouble(pending.group(2)) >= 2, metrics);
        assertTrue(metrics.contains("cxmeter_outbox_oldest_seconds"), "the age gauge is exported");
    }
}
