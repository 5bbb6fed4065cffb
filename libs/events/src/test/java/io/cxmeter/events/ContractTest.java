package io.cxmeter.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.exc.MismatchedInputException;

/**
 * Payloads as the producers have sent them (src/test/resources/payloads: every field they ever wrote,
 * the ones no reader needs included) still read into the contract's records, and every record reads
 * back what it wrote.
 */
class ContractTest {

    private static EventPayload sent(Topic topic) throws IOException {
        try (InputStream in = ContractTest.class.getResourceAsStream("/payloads/" + topic.wire() + ".json")) {
            return Json.MAPPER.readValue(in, topic.payload());
        }
    }

    @Test
    void everyTopicReadsWhatProducersSent() throws IOException {
        for (Topic topic : Topic.values()) {
            EventPayload payload = sent(topic);
            assertEquals(topic, payload.topic(), topic.wire());
            assertEquals(payload, Json.MAPPER.readValue(Json.MAPPER.writeValueAsBytes(payload), topic.payload()),
                    topic.wire() + " reads back what it wrote");
        }
    }

    @Test
    void aTicketKeepsItsHistoryHoursAndPolicyAndDropsWhatTheApiShowsBesides() throws IOException {
        TicketUpserted ticket = (TicketUpserted) sent(Topic.TICKET_UPSERTED);
        assertEquals("T-1042", ticket.aggregateId());
        assertEquals(3L, ticket.version());
        assertEquals(Channel.CHAT, ticket.channel());
        assertEquals(Priority.HIGH, ticket.priority());
        assertEquals(List.of("refund", "vip"), ticket.tags());
        assertEquals(8, ticket.events().size());
        TicketEvent handled = ticket.events().get(6);
        assertEquals(new TicketEvent(EventType.HANDLED, Instant.parse("2026-03-02T09:35:00Z"), null, null, 300, 20, 40), handled);
        assertEquals(TicketStatus.RESOLVED, ticket.events().get(7).status());
        assertEquals("Europe/Vilnius", ticket.businessHours().timeZone());
        assertEquals(List.of(new TicketUpserted.Slot("09:00", "12:00"), new TicketUpserted.Slot("13:00", "17:00")),
                ticket.businessHours().schedule().get("monday"));
        assertEquals(List.of(LocalDate.parse("2026-02-16")), ticket.businessHours().holidays());
        assertEquals(new TicketUpserted.SlaPolicy("3f1c2a9e-6f4b-4d8e-9a52-1c7d2b8e4f10", "Chat", 300L, 900L, 86400L, "business"),
                ticket.slaPolicy());
        Map<?, ?> written = Json.MAPPER.convertValue(ticket, Map.class);
        assertTrue(!written.containsKey("subject") && !written.containsKey("facts"), "no subject or derived facts on the wire");
    }

    @Test
    void aCustomerTravelsWithoutTheTenantsAttributes() throws IOException {
        CustomerUpserted customer = (CustomerUpserted) sent(Topic.CUSTOMER_UPSERTED);
        assertEquals(List.of(new CustomerUpserted.Purchase(new BigDecimal("129.90"), Instant.parse("2026-01-10T12:00:00Z"))),
                customer.purchases());
        assertNull(customer.churnedAt());
        assertTrue(customer.referred());
        assertTrue(!Json.MAPPER.convertValue(customer, Map.class).containsKey("attributes"));
    }

    @Test
    void aReviewKeepsItsScoreAndAResponseItsScale() throws IOException {
        ReviewUpserted review = (ReviewUpserted) sent(Topic.REVIEW_UPSERTED);
        assertEquals(new ReviewUpserted("QR-9", "T-1042", "agent-7", Instant.parse("2026-03-04T09:00:00Z"), 87.5), review);
        ResponseUpserted response = (ResponseUpserted) sent(Topic.RESPONSE_UPSERTED);
        assertEquals(4, response.positiveFrom());
        assertEquals("8b0a7c4e-5d3f-4a6b-9c1e-2f7d8e9a0b1c:R-1", response.aggregateId());
    }

    @Test
    void aPayloadWithoutARequiredFieldIsRefusedNamingIt() {
        MismatchedInputException refused = assertThrows(MismatchedInputException.class, () -> Json.MAPPER.readValue(
                "{\"channel\": \"chat\", \"createdAt\": \"2026-03-02T08:55:00Z\"}", TicketUpserted.class));
        assertTrue(refused.getOriginalMessage().contains("'id'"), refused.getOriginalMessage());
        assertThrows(MismatchedInputException.class, () -> Json.MAPPER.readValue("{\"id\": \"R-1\"}", ResponseUpserted.class));
    }

    @Test
    void topicsAreFoundByTheirWireNameOnly() {
        for (Topic topic : Topic.values()) {
            assertEquals(topic, Topic.of(topic.wire()).orElseThrow());
        }
        assertTrue(Topic.of("ticket.merged").isEmpty());
        assertTrue(Topic.of("TICKET_UPSERTED").isEmpty());
    }
}
