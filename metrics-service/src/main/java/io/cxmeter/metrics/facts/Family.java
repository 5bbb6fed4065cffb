package io.cxmeter.metrics.facts;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A family of contributions that metrics read together. Rolled-up families are summed into rollup
 * buckets per dimension (rollup/Rollups); the others are read from the
 * contributions themselves because their metrics need distinct counts or a join that buckets cannot keep.
 */
public enum Family {
    /** Additive ticket counters: volume, blocks, FRT, final resolutions, ASA, service level, AHT. */
    TICKET(true, true, Dimension.TICKET_DIMENSIONS, Counters.Ticket.class,
            Histogram.FRT, Histogram.RES, Histogram.SL_ANSWERED, Histogram.SL_ABANDONED, Histogram.FRTB, Histogram.RESB),
    /** +1/−1 as a ticket enters or leaves the waiting (new, open) and unresolved states. */
    TICKET_STATE(true, true, Dimension.TICKET_DIMENSIONS, Counters.TicketState.class),
    /** A ticket's first assignment, and whether the ticket is resolved now (resolution rate). */
    ASSIGNMENT(true, true, Dimension.TICKET_DIMENSIONS, Counters.Assignment.class),
    /** A wait for an agent's next reply, closed by that reply (next-reply time). */
    NEXT_REPLY(true, true, Dimension.TICKET_DIMENSIONS, Counters.NextReply.class, Histogram.NRT,
            Histogram.NRTB),
    /**
     * Every resolution of a ticket: whether it was the ticket's first, whether that first one came after a
     * single agent reply, whether it follows an earlier one, and whether the first was reopened (reopen
     * rate, first-contact resolution).
     */
    RESOLUTION(true, true, Dimension.TICKET_DIMENSIONS, Counters.Resolution.class),
    /** SLA target instances decided: met where they closed in time, breached where their target elapsed. */
    SLA(true, true, Dimension.TICKET_DIMENSIONS, Counters.Sla.class),
    NPS(true, false, Dimension.ANSWER_DIMENSIONS, Counters.Survey.class),
    CSAT(true, false, Dimension.ANSWER_DIMENSIONS, Counters.Survey.class),
    CES(true, false, Dimension.ANSWER_DIMENSIONS, Counters.Survey.class),
    CUSTOM(true, false, Dimension.ANSWER_DIMENSIONS, Counters.Survey.class),
    INVITATION(true, false, Dimension.ANSWER_DIMENSIONS, Counters.Invitation.class),
    REVIEW(true, true, EnumSet.of(Dimension.AGENT), Counters.Review.class),
    /** A customer becoming one (at since) and churning (at churnedAt). */
    CUSTOMER(true, true, EnumSet.noneOf(Dimension.class), Counters.Customer.class),
    PURCHASE(false, false, EnumSet.noneOf(Dimension.class), Counters.Purchase.class),
    /** Anything naming a customer: a ticket created, a survey response, an engagement event. */
    INTERACTION(false, false, EnumSet.noneOf(Dimension.class), Counters.Interaction.class);

    private final boolean rolledUp;
    private final boolean quarterly;
    private final Set<Dimension> dimensions;
    private final Class<? extends Counter> counterType;
    private final List<Counter> counters;
    private final List<Histogram> histograms;
    private final String wire = name().toLowerCase(java.util.Locale.ROOT);

    <C extends Enum<C> & Counter> Family(boolean rolledUp, boolean quarterly, Set<Dimension> dimensions, Class<C> counters,
            Histogram... histograms) {
        this.rolledUp = rolledUp;
        this.quarterly = quarterly;
        this.dimensions = dimensions;
        this.counterType = counters;
        this.counters = List.of(counters.getEnumConstants());
        this.histograms = List.of(histograms);
    }

    /** Its counters, in the order of its layout ({@link Counters}). */
    public List<Counter> counters() {
        return counters;
    }

    /**
     * The position of {@code counter} in its layout (0-based).
     *
     * @throws IllegalArgumentException when the family has no such counter
     */
    public int position(Counter counter) {
        if (!counterType.isInstance(counter)) {
            throw new IllegalArgumentException("Counter " + counter + " is not in the layout of " + this);
        }
        return ((Enum<?>) counter).ordinal();
    }

    /** Its histograms, in the order of its rollup columns ({@code h1} to {@code h6}). */
    public List<Histogram> histograms() {
        return histograms;
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
