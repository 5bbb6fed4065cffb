package io.cxmeter.events.tickets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.cxmeter.events.EventType;
import io.cxmeter.events.TicketEvent;
import io.cxmeter.events.TicketStatus;
import io.cxmeter.events.tickets.TicketHistory.Resolution;

/** What a history means, worked by hand from docs/metrics.md. */
class TicketHistoryTest {

    private static final Instant CREATED = Instant.parse("2026-03-02T09:00:00Z");

    private static Instant at(int minutes) {
        return CREATED.plusSeconds(60L * minutes);
    }

    private static TicketEvent status(int minutes, TicketStatus status) {
        return new TicketEvent(EventType.STATUS, at(minutes), null, status, null, null, null);
    }

    private static TicketEvent by(EventType type, int minutes, String agent) {
        return new TicketEvent(type, at(minutes), agent, null, null, null, null);
    }

    private static TicketEvent customerReply(int minutes) {
        return new TicketEvent(EventType.CUSTOMER_REPLY, at(minutes), null, null, null, null, null);
    }

    @Test
    void resolvedThenClosedIsOneResolutionAndAReopeningEndsIt() {
        TicketHistory history = TicketHistory.of(List.of(
                by(EventType.AGENT_REPLY, 5, "a1"),
                status(10, TicketStatus.RESOLVED),
                status(20, TicketStatus.CLOSED),
                status(30, TicketStatus.OPEN),
                by(EventType.AGENT_REPLY, 35, "a2"),
                status(40, TicketStatus.RESOLVED)));

        assertEquals(List.of(new Resolution(at(10), at(30), null, true), new Resolution(at(40), null, at(10), false)),
                history.resolutions());
        assertEquals(new Resolution(at(40), null, at(10), false), history.lastingResolution());
        assertEquals(1, history.reopenCount());
        assertEquals(TicketStatus.RESOLVED, history.status());
    }

    @Test
    void aFirstResolutionAfterTwoRepliesIsNoFirstContactResolutionAndAReopenedTicketHasNoLastingOne() {
        TicketHistory history = TicketHistory.of(List.of(
                by(EventType.AGENT_REPLY, 5, "a1"),
                by(EventType.AGENT_REPLY, 10, "a1"),
                status(10, TicketStatus.RESOLVED),
                status(50, TicketStatus.PENDING)));

        assertEquals(List.of(new Resolution(at(10), at(50), null, false)), history.resolutions());
        assertNull(history.lastingResolution());
        assertEquals(TicketStatus.PENDING, history.status());
    }

    @Test
    void eventsAreReadInTimeOrderWhateverOrderTheyCameIn() {
        TicketHistory history = TicketHistory.of(List.of(
                status(30, TicketStatus.RESOLVED),
                by(EventType.ASSIGNED, 20, "a2"),
                by(EventType.AGENT_REPLY, 15, "a1"),
                by(EventType.ASSIGNED, 1, "a1")));

        assertEquals(List.of(at(1), at(15), at(20), at(30)), history.events().stream().map(TicketEvent::at).toList());
        assertEquals("a1", history.first(EventType.ASSIGNED).agentId());
        assertNull(history.assigneeAt(at(0)));
        assertEquals("a1", history.assigneeAt(at(19)));
        assertEquals("a2", history.assigneeAt(at(20)), "an assignment counts from its own instant");
        assertEquals("a2", history.assignee());
        assertTrue(history.resolutions().get(0).firstContact());
    }

    @Test
    void customerRepliesInARowOpenOneWaitAndOnlyAfterTheFirstAgentReply() {
        TicketHistory history = TicketHistory.of(List.of(
                customerReply(2),
                by(EventType.AGENT_REPLY, 5, "a1"),
                customerReply(10),
                customerReply(12),
                by(EventType.AGENT_REPLY, 20, "a2"),
                by(EventType.AGENT_REPLY, 25, "a1"),
                customerReply(30)));

        List<TicketHistory.Wait> waits = history.nextReplyWaits();
        assertEquals(2, waits.size());
        assertEquals(at(10), waits.get(0).openedAt());
        assertEquals(at(20), waits.get(0).closedBy().at());
        assertEquals("a2", waits.get(0).closedBy().agentId());
        assertEquals(at(30), waits.get(1).openedAt());
        assertNull(waits.get(1).closedBy(), "still waiting");
    }

    @Test
    void handledContactsAreSummedAndEndWithTheLast() {
        TicketHistory history = TicketHistory.of(List.of(
                new TicketEvent(EventType.HANDLED, at(10), null, null, 300, 20, 40),
                new TicketEvent(EventType.HANDLED, at(40), null, null, 100, 0, 15)));

        assertEquals(new TicketHistory.Handling(400, 20, 55, at(40)), history.handling());
        assertEquals(475, history.handling().totalSeconds());
        assertNull(TicketHistory.of(List.of()).handling());
    }

    @Test
    void aNewTicketWithoutEventsIsNewUnassignedAndUnresolved() {
        TicketHistory history = TicketHistory.of(null);
        assertEquals(TicketStatus.NEW, history.status());
        assertNull(history.assignee());
        assertTrue(history.resolutions().isEmpty());
        assertFalse(history.nextReplyWaits().iterator().hasNext());
        assertEquals(0, history.agentRepliesUpTo(Instant.MAX));
    }
}
