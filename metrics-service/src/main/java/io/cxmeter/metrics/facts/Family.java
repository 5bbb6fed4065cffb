package io.cxmeter.metrics.facts;

import java.util.EnumSet;
import java.util.Set;

/**
 * A family of contributions that metrics read together. Rolled-up families are summed into rollup
 * buckets per dimension (rollup/Rollups); the others are read from the
 * contributions themselves because their metrics need distinct counts or a join that buckets cannot keep.
 */
public enum Family {
    /** Additive ticket counters: volume, blocks, FRT, final resolutions, ASA, service level, AHT. */
    TICKET(true, true, EnumSet.of(Dimension.CHANNEL, Dimension.TEAM, Dimension.AGENT)),
    /** +1/−1 as a ticket enters or leaves the waiting (new, open) and unresolved states. */
    TICKET_STATE(true, true, EnumSet.of(Dimension.CHANNEL, Dimension.TEAM, Dimension.AGENT)),
    /** A ticket's first assignment, and whether the ticket is resolved now (resolution rate). */
    ASSIGNMENT(true, true, EnumSet.of(Dimension.CHANNEL, Dimension.TEAM, Dimension.AGENT)),
    /** A wait for an agent's next reply, closed by that reply (next-reply time). */
    NEXT_REPLY(true, true, EnumSet.of(Dimension.CHANNEL, Dimension.TEAM, Dimension.AGENT)),
    /**
     * Every resolution of a ticket: whether it was the ticket's first, whether that first one came after a
     * single agent reply, whether it follows an earlier one, and whether the first was reopened (reopen
     * rate, first-contact resolution).
     */
    RESOLUTION(true, true, EnumSet.of(Dimension.CHANNEL, Dimension.TEAM, Dimension.AGENT)),
    /** SLA target instances decided: met where they closed in time, breached where their target elapsed. */
    SLA(true, true, EnumSet.of(Dimension.CHANNEL, Dimension.TEAM, Dimension.AGENT)),
    NPS(true, false, EnumSet.of(Dimension.CHANNEL, Dimension.AGENT, Dimension.SURVEY, Dimension.TOUCHPOINT, Dimension.LOCALE)),
    CSAT(true, false, EnumSet.of(Dimension.CHANNEL, Dimension.AGENT, Dimension.SURVEY, Dimension.TOUCHPOINT, Dimension.LOCALE)),
    CES(true, false, EnumSet.of(Dimension.CHANNEL, Dimension.AGENT, Dimension.SURVEY, Dimension.TOUCHPOINT, Dimension.LOCALE)),
    CUSTOM(true, false, EnumSet.of(Dimension.CHANNEL, Dimension.AGENT, Dimension.SURVEY, Dimension.TOUCHPOINT, Dimension.LOCALE)),
    INVITATION(true, false, EnumSet.of(Dimension.CHANNEL, Dimension.AGENT, Dimension.SURVEY, Dimension.TOUCHPOINT, Dimension.LOCALE)),
    REVIEW(true, true, EnumSet.of(Dimension.AGENT)),
    /** A customer becoming one (at since) and churning (at churnedAt). */
    CUSTOMER(true, true, EnumSet.noneOf(Dimension.class)),
    PURCHASE(false, false, EnumSet.noneOf(Dimension.class)),
    /** Anything naming a customer: a ticket created, a survey response, an engagement event. */
    INTERACTION(false, false, EnumSet.noneOf(Dimension.class));

    private final boolean rolledUp;
    private final boolean quarterly;
    private final Set<Dimension> dimensions;
    private final String wire = name().toLowerCase(java.util.Locale.ROOT);

    Family(boolean rolledUp, boolean quarterly, Set<Dimension> dimensions) {
        this.rolledUp = rolledUp;
        this.quarterly = quarterly;
        this.dimensions = dimensions;
    }

    public boolean rolledUp() {
        return rolledUp;
    }

    /**
     * Whether it has quarter rollup rows besides months. Survey families have none: they are
     * most of the events (a response or invitation each), and at a busy tenant's rate a batch's
     * responses spread over most agents and touchpoints, so their quarter rows were a third of the
     * survey rows every batch wrote, while sparing reads at most two month rows per group and quarter.
     * Ticket families keep them: FRT or resolution rate by agent over quarters, and cumulative reads
     * (open tickets, backlog, active customers) sum all history.
     */
    public boolean quarterly() {
        return quarterly;
    }

    /** The dimensions its facts carry. {@code SURVEY} is the scope, not a rollup dimension of its own. */
    public Set<Dimension> dimensions() {
        return dimensions;
    }

    public String wire() {
        return wire;
    }

    public static Family fromWire(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
