package io.cxmeter.ticket.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.cxmeter.events.EventType;
import io.cxmeter.events.TicketEvent;
import io.cxmeter.events.TicketStatus;

class TicketFactsTest {

    private static final Instant CREATED = Instant.parse("2026-02-03T08:00:00Z");

    private static Instant at(String time) {
        return Instant.parse("2026-02-03T" + time + "Z");
    }

    private static TicketEvent status(String time, TicketStatus status) {
        return new TicketEvent(EventType.STATUS, at(time), null, status, null, null, null);
    }

    private static TicketEvent by(EventType type, String time, String agent) {
        return new TicketEvent(type, at(time), agent, null, null, null, null);
    }

    @Test
    void aTicketWithoutEventsIsNew() {
        TicketFacts facts = TicketFacts.derive(List.of());
        assertEquals(TicketStatus.NEW, facts.status());
        assertNull(facts.resolvedAt());
        assertEquals(0, facts.reopenCount());
    }

    @Test
    void theCallFromApiMdAddsUp() {
        TicketFacts facts = TicketFacts.derive(List.of(
                new TicketEvent(EventType.QUEUED, at("08:00:00"), null, null, null, null, null),
                by(EventType.ANSWERED, "08:00:14", "A-3"),
                by(EventType.ASSIGNED, "08:00:14", "A-3"),
                by(EventType.AGENT_REPLY, "08:00:14", "A-3"),
                new TicketEvent(EventType.HANDLED, at("08:09:00"), null, null, 420, 60, 45),
                status("08:09:45", TicketStatus.RESOLVED)));
        assertEquals(at("08:00:00"), facts.queuedAt());
        assertEquals(at("08:00:14"), facts.answeredAt());
        assertEquals("A-3", facts.answeredBy());
        assertEquals("A-3", facts.firstAssignee());
        assertEquals(at("08:00:14"), facts.firstReplyAt());
        assertEquals(420, facts.talkSeconds());
        assertEquals(60, facts.holdSeconds());
        assertEquals(45, facts.wrapUpSeconds());
        assertEquals(at("08:09:00"), facts.handledAt());
        assertEquals(TicketStatus.RESOLVED, facts.status());
        assertEquals(at("08:09:45"), facts.resolvedAt());
    }

    @Test
    void reopenedTicketCountsOnceAtLastResolution() {
        TicketFacts facts = TicketFacts.derive(List.of(
                status("08:01:00", TicketStatus.OPEN),
                status("09:00:00", TicketStatus.RESOLVED),
                status("10:00:00", TicketStatus.OPEN),
                status("11:00:00", TicketStatus.RESOLVED)));
        assertEquals(at("11:00:00"), facts.resolvedAt());
        assertEquals(1, facts.reopenCount());
    }

    @Test
    void resolvedThenClosedIsNoNewResolution() {
        TicketFacts facts = TicketFacts.derive(List.of(
                status("09:00:00", TicketStatus.RESOLVED),
                status("12:00:00", TicketStatus.CLOSED)));
        assertEquals(TicketStatus.CLOSED, facts.status());
        assertEquals(at("09:00:00"), facts.resolvedAt());
    }

    @Test
    void aReopenedTicketThatIsStillOpenHasNoResolution() {
        TicketFacts facts = TicketFacts.derive(List.of(
                status("09:00:00", TicketStatus.CLOSED),
                status("10:00:00", TicketStatus.OPEN)));
        assertNull(facts.resolvedAt());
        assertEquals(1, facts.reopenCount());
    }

    @Test
    void eventsGivenOutOfOrderAreReadInTimeOrder() {
        TicketFacts facts = TicketFacts.derive(List.of(
                by(EventType.ASSIGNED, "09:00:00", "A-2"),
                by(EventType.AGENT_REPLY, "08:30:00", "A-1"),
                by(EventType.ASSIGNED, "08:10:00", "A-1"),
                by(EventType.AGENT_REPLY, "09:30:00", "A-2")));
        assertEquals("A-1", facts.firstAssignee());
        assertEquals(at("08:10:00"), facts.firstAssignedAt());
        assertEquals("A-2", facts.assignee());
        assertEquals("A-1", facts.firstReplyAgent());
        assertEquals(at("08:30:00"), facts.firstReplyAt());
    }

    @Test
    void blockedAndAbandonedCallsKeepTheirTimes() {
        TicketFacts blocked = TicketFacts.derive(List.of(
                new TicketEvent(EventType.BLOCKED, at("08:00:00"), null, null, null, null, null)));
        assertEquals(at("08:00:00"), blocked.blockedAt());
        TicketFacts abandoned = TicketFacts.derive(List.of(
                new TicketEvent(EventType.QUEUED, at("08:00:00"), null, null, null, null, null),
                new TicketEvent(EventType.ABANDONED, at("08:00:04"), null, null, null, null, null)));
        assertEquals(at("08:00:04"), abandoned.abandonedAt());
        assertNull(abandoned.answeredAt());
    }

    @Test
    void eventsBeforeCreationAndMissingFieldsAreNamed() {
        assertTrue(by(EventType.ASSIGNED, "07:59:59", "A-1").problems(CREATED).get(0).contains("before the ticket's createdAt"));
        assertEquals(List.of("assigned event needs agentId"), by(EventType.ASSIGNED, "08:10:00", null).problems(CREATED));
        assertEquals(1, new TicketEvent(EventType.HANDLED, at("08:10:00"), null, null, 1, null, 2).problems(CREATED).size());
        assertEquals(1, new TicketEvent(EventType.HANDLED, at("08:10:00"), null, null, -1, 0, 2).problems(CREATED).size());
        assertTrue(status("08:10:00", TicketStatus.OPEN).problems(CREATED).isEmpty());
    }
}
