package io.cxmeter.ticket.tickets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import io.cxmeter.events.Channel;
import io.cxmeter.events.EventType;
import io.cxmeter.events.Priority;
import io.cxmeter.events.TicketStatus;
import io.cxmeter.testing.TestTokens;
import io.cxmeter.ticket.Page;
import io.quarkus.test.InjectMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.mutiny.Uni;

/**
 * The ticket endpoints alone, with the service mocked: what a listing's filters and a status change
 * become for the service, and which requests never reach it.
 */
@QuarkusTest
class TicketResourceTest {

    private static final TicketView TICKET = new TicketView("T-1", Channel.CHAT, null, Priority.NORMAL, null, null, List.of(),
            Instant.parse("2026-03-02T09:00:00Z"), TicketStatus.RESOLVED, null, null, null);

    private final String tenant = "tenant-" + UUID.randomUUID();
    private final String token = TestTokens.forTenant(tenant);

    @InjectMock
    TicketService tickets;

    @BeforeEach
    void answer() {
        when(tickets.list(anyString(), any(), any(), anyInt())).thenReturn(Uni.createFrom().item(new Page<>(List.of(TICKET), null)));
        when(tickets.append(anyString(), anyString(), any(TicketRequests.NewEvent.class))).thenReturn(Uni.createFrom().item(TICKET));
    }

    @Test
    void aListingsFiltersBecomeConditionsInWireNamesAndUtc() {
        given().auth().oauth2(token).queryParam("status", "on_hold").queryParam("channel", "web_form")
                .queryParam("tag", "vip").queryParam("createdFrom", "2026-03-01T00:00:00+02:00").queryParam("limit", "20")
                .get("/api/v1/tickets").then().statusCode(200).body("items[0].id", equalTo("T-1"));

        @SuppressWarnings("unchecked")
        ArgumentCaptor<Map<String, Object>> conditions = ArgumentCaptor.forClass(Map.class);
        verify(tickets).list(eq(tenant), conditions.capture(), isNull(), eq(20));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("status = ?", "on_hold");
        expected.put("channel = ?", "web_form");
        expected.put("? = ANY(tags)", "vip");
        expected.put("created_at >= ?", OffsetDateTime.of(2026, 2, 28, 22, 0, 0, 0, ZoneOffset.UTC));
        assertEquals(expected, conditions.getValue());
    }

    @Test
    void aStatusChangeIsAStatusEventOfTheCallersTenant() {
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"status\":\"resolved\",\"at\":\"2026-03-02T10:00:00Z\"}")
                .post("/api/v1/tickets/T-1/status").then().statusCode(200).body("status", equalTo("resolved"));

        ArgumentCaptor<TicketRequests.NewEvent> event = ArgumentCaptor.forClass(TicketRequests.NewEvent.class);
        verify(tickets).append(eq(tenant), eq("T-1"), event.capture());
        assertEquals(new TicketRequests.NewEvent(EventType.STATUS, OffsetDateTime.parse("2026-03-02T10:00:00Z"), null,
                TicketStatus.RESOLVED, null, null, null), event.getValue());
    }

    @Test
    void badFiltersAndBodiesNeverReachTheService() {
        given().auth().oauth2(token).queryParam("status", "done").get("/api/v1/tickets")
                .then().statusCode(400).body("detail", containsString("status 'done' is not one of"));
        given().auth().oauth2(token).queryParam("createdFrom", "2026-03-02T00:00:00Z").queryParam("createdTo", "2026-03-01T00:00:00Z")
                .get("/api/v1/tickets").then().statusCode(400).body("detail", containsString("createdFrom must be before createdTo"));
        given().auth().oauth2(token).queryParam("limit", "501").get("/api/v1/tickets").then().statusCode(400);
        given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"at\":\"2026-03-02T10:00:00Z\"}")
                .post("/api/v1/tickets/T-1/status").then().statusCode(400);
        verifyNoInteractions(tickets);
    }
}
