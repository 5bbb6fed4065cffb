package io.cxmeter.ticket.tickets;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import io.cxmeter.events.TicketStatus;
import io.cxmeter.problem.ProblemException;

/**
 * The moves a live ticket may make: new → open ↔ pending ↔ on_hold → resolved → closed, any
 * working status straight to resolved, and resolved → open to reopen. Closed is final. Imported
 * history is taken as it happened elsewhere and is not held to these rules.
 */
public final class TicketStatusMachine {

    private static final Map<TicketStatus, Set<TicketStatus>> MOVES = Map.of(
            TicketStatus.NEW, EnumSet.of(TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.ON_HOLD, TicketStatus.RESOLVED),
            TicketStatus.OPEN, EnumSet.of(TicketStatus.PENDING, TicketStatus.ON_HOLD, TicketStatus.RESOLVED),
            TicketStatus.PENDING, EnumSet.of(TicketStatus.OPEN, TicketStatus.ON_HOLD, TicketStatus.RESOLVED),
            TicketStatus.ON_HOLD, EnumSet.of(TicketStatus.OPEN, TicketStatus.PENDING, TicketStatus.RESOLVED),
            TicketStatus.RESOLVED, EnumSet.of(TicketStatus.CLOSED, TicketStatus.OPEN),
            TicketStatus.CLOSED, EnumSet.noneOf(TicketStatus.class));

    private TicketStatusMachine() {
    }

    public static boolean allows(TicketStatus from, TicketStatus to) {
        return MOVES.get(from).contains(to);
    }

    /** Throws 409 naming the allowed moves when {@code from → to} is not one of them. */
    public static void check(TicketStatus from, TicketStatus to) {
        if (!allows(from, to)) {
            Set<TicketStatus> allowed = MOVES.get(from);
            throw ProblemException.conflict("A ticket in status " + from.wire() + " cannot move to " + to.wire() + "; "
                    + (allowed.isEmpty() ? "closed is final." : "it can move to "
                            + String.join(", ", allowed.stream().map(TicketStatus::wire).toList()) + "."));
        }
    }
}
