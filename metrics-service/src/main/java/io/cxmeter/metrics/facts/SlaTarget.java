package io.cxmeter.metrics.facts;

/** The targets of an SLA policy (docs/metrics.md: SLA policies), each with its counters. */
public enum SlaTarget {
    FIRST_REPLY("firstReply", Counters.Sla.FIRST_REPLY_MET, Counters.Sla.FIRST_REPLY_BREACHED),
    NEXT_REPLY("nextReply", Counters.Sla.NEXT_REPLY_MET, Counters.Sla.NEXT_REPLY_BREACHED),
    RESOLUTION("resolution", Counters.Sla.RESOLUTION_MET, Counters.Sla.RESOLUTION_BREACHED);

    private final String wire;
    private final Counter met;
    private final Counter breached;

    SlaTarget(String wire, Counter met, Counter breached) {
        this.wire = wire;
        this.met = met;
        this.breached = breached;
    }

    /** Its name in the API (an answer's details, the at-risk list). */
    public String wire() {
        return wire;
    }

    public Counter met() {
        return met;
    }

    public Counter breached() {
        return breached;
    }
}
