package io.cxmeter.ticket.followups;

import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import io.cxmeter.events.TicketStatus;
import io.cxmeter.events.WireValue;
import io.cxmeter.problem.ProblemException;

/**
 * Where the work on a low score stands: open (nobody reached the customer yet), contacted (the
 * customer was reached, the matter is not settled), resolved. Resolved reopens to open.
 */
public enum FollowUpStatus implements WireValue {
    OPEN("open", TicketStatus.OPEN), CONTACTED("contacted", TicketStatus.PENDING), RESOLVED("resolved", TicketStatus.RESOLVED);

    private static final Map<FollowUpStatus, Set<FollowUpStatus>> MOVES = Map.of(
            OPEN, EnumSet.of(CONTACTED, RESOLVED),
            CONTACTED, EnumSet.of(OPEN, RESOLVED),
            RESOLVED, EnumSet.of(OPEN));

    private final String wire;
    private final TicketStatus ticketStatus;

    FollowUpStatus(String wire, TicketStatus ticketStatus) {
        this.wire = wire;
        this.ticketStatus = ticketStatus;
    }

    @Override
    public String wire() {
        return wire;
    }

    /**
     * Where the follow-up ticket must move for the ticket to agree with this status, or null when
     * it agrees already: resolved (or closed) for resolved, waiting on the customer for contacted,
     * new or open for open (a resolved ticket reopens, a waiting one opens).
     */
    public TicketStatus ticketMove(TicketStatus ticket) {
        boolean agrees = switch (this) {
            case RESOLVED -> ticket.isResolved();
            case CONTACTED -> ticket == TicketStatus.PENDING || ticket == TicketStatus.ON_HOLD;
            case OPEN -> ticket == TicketStatus.OPEN || ticket == TicketStatus.NEW;
        };
        return agrees ? null : ticketStatus;
    }

    /** Throws 409 naming the allowed moves when {@code this → to} is not one of them (staying put is allowed). */
    public void checkMove(FollowUpStatus to) {
        if (to != this && !MOVES.get(this).contains(to)) {
            throw ProblemException.conflict("A follow-up that is " + wire + " cannot become " + to.wire + "; it can become "
                    + String.join(", ", MOVES.get(this).stream().map(FollowUpStatus::wire).toList()) + ".");
        }
    }

    public static Optional<FollowUpStatus> parse(String value) {
        return WireValue.parse(FollowUpStatus.class, value);
    }

    public static String allowed() {
        return WireValue.allowed(FollowUpStatus.class);
    }
}
