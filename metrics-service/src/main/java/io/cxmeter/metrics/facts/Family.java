package io.cxmeter.metrics.facts;

import java.util.EnumSet;
import java.util.Set;

/**
 * A family of contributions that metrics read together. Rolled-up families are summed into hour,
 * day and month buckets per dimension; the others are read from the contributions themselves
 * because their metrics need distinct counts or a join that buckets cannot keep.
 */
public enum Family {
    /** Additive ticket counters: volume, blocks, FRT, final resolutions, ASA, service level, AHT. */
    TICKET(true, EnumSet.of(Dimension.CHANNEL, Dimension.TEAM, Dimension.AGENT)),
    /** +1/−1 as a ticket enters or leaves the waiting (new, open) and unresolved states. */
    TICKET_STATE(true, EnumSet.of(Dimension.CHANNEL, Dimension.TEAM, Dimension.AGENT)),
    /** A ticket's first assignment, and whether the ticket is resolved now (resolution rate). */
    ASSIGNMENT(true, EnumSet.of(Dimension.CHANNEL, Dimension.TEAM, Dimension.AGENT)),
    NPS(true, EnumSet.of(Dimension.CHANNEL, Dimension.AGENT, Dimension.SURVEY, Dimension.TOUCHPOINT, Dimension.LOCALE)),
    CSAT(true, EnumSet.of(Dimension.CHANNEL, Dimension.AGENT, Dimension.SURVEY, Dimension.TOUCHPOINT, Dimension.LOCALE)),
    CES(true, EnumSet.of(Dimension.CHANNEL, Dimension.AGENT, Dimension.SURVEY, Dimension.TOUCHPOINT, Dimension.LOCALE)),
    CUSTOM(true, EnumSet.of(Dimension.CHANNEL, Dimension.AGENT, Dimension.SURVEY, Dimension.TOUCHPOINT, Dimension.LOCALE)),
    INVITATION(true, EnumSet.of(Dimension.CHANNEL, Dimension.AGENT, Dimension.SURVEY, Dimension.TOUCHPOINT, Dimension.LOCALE)),
    REVIEW(true, EnumSet.of(Dimension.AGENT)),
    /** A customer becoming one (at since) and churning (at churnedAt). */
    CUSTOMER(true, EnumSet.noneOf(Dimension.class)),
    PURCHASE(false, EnumSet.noneOf(Dimension.class)),
    /** Anything naming a customer: a ticket created, a survey response, an engagement event. */
    INTERACTION(false, EnumSet.noneOf(Dimension.class));

    private final boolean rolledUp;
    private final Set<Dimension> dimensions;
    private final String wire = name().toLowerCase(java.util.Locale.ROOT);

    Family(boolean rolledUp, Set<Dimension> dimensions) {
        this.rolledUp = rolledUp;
        this.dimensions = dimensions;
    }

    public boolean rolledUp() {
        return rolledUp;
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
