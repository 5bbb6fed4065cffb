package io.cxmeter.ticket.tickets;

import static io.cxmeter.events.TicketStatus.CLOSED;
import static io.cxmeter.events.TicketStatus.NEW;
import static io.cxmeter.events.TicketStatus.ON_HOLD;
import static io.cxmeter.events.TicketStatus.OPEN;
import static io.cxmeter.events.TicketStatus.PENDING;
import static io.cxmeter.events.TicketStatus.RESOLVED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import io.cxmeter.events.TicketStatus;
import io.cxmeter.problem.ProblemException;

class TicketStatusMachineTest {

    @Test
    void theUsualLifeOfATicketIsAllowed() {
        assertTrue(TicketStatusMachine.allows(NEW, OPEN));
        assertTrue(TicketStatusMachine.allows(OPEN, PENDING));
        assertTrue(TicketStatusMachine.allows(PENDING, OPEN));
        assertTrue(TicketStatusMachine.allows(PENDING, ON_HOLD));
        assertTrue(TicketStatusMachine.allows(ON_HOLD, PENDING));
        assertTrue(TicketStatusMachine.allows(ON_HOLD, RESOLVED));
        assertTrue(TicketStatusMachine.allows(OPEN, RESOLVED));
        assertTrue(TicketStatusMachine.allows(RESOLVED, CLOSED));
    }

    @Test
    void reopeningGoesFromResolvedToOpen() {
        assertTrue(TicketStatusMachine.allows(RESOLVED, OPEN));
        assertFalse(TicketStatusMachine.allows(RESOLVED, PENDING));
    }

    @Test
    void closedIsFinal() {
        for (TicketStatus to : TicketStatus.values()) {
            assertFalse(TicketStatusMachine.allows(CLOSED, to), "closed → " + to);
        }
        ProblemException e = assertThrows(ProblemException.class, () -> TicketStatusMachine.check(CLOSED, OPEN));
        assertEquals(409, e.status());
        assertEquals("A ticket in status closed cannot move to open; closed is final.", e.getMessage());
    }

    @Test
    void nothingGoesBackToNewOrSkipsResolution() {
        for (TicketStatus from : TicketStatus.values()) {
            assertFalse(TicketStatusMachine.allows(from, NEW), from + " → new");
        }
        assertFalse(TicketStatusMachine.allows(OPEN, CLOSED));
        assertFalse(TicketStatusMachine.allows(NEW, CLOSED));
        assertFalse(TicketStatusMachine.allows(OPEN, OPEN));
    }

    @Test
    void theConflictNamesTheAllowedMoves() {
        ProblemException e = assertThrows(ProblemException.class, () -> TicketStatusMachine.check(OPEN, CLOSED));
        assertEquals("A ticket in status open cannot move to closed; it can move to pending, on_hold, resolved.", e.getMessage());
    }
}
