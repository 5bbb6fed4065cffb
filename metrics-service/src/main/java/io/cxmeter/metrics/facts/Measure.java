package io.cxmeter.metrics.facts;

/**
 * A duration measured per fact: how many were measured, their sum of seconds and, where its quantiles
 * are asked for, the histogram of their seconds.
 */
public record Measure(Counter n, Counter sum, Histogram histogram) {

    /** Average speed of answer: queue to answer of call and chat tickets. */
    public static final Measure ASA = new Measure(Counters.Ticket.ASA_N, Counters.Ticket.ASA_SUM, null);
    /** Average handle time: talk, hold and wrap-up of a contact. */
    public static final Measure AHT = new Measure(Counters.Ticket.AHT_N, Counters.Ticket.AHT_SUM, null);

    /** The durations measured in calendar and in business seconds. */
    public enum Clocked {
        FIRST_REPLY(new Measure(Counters.Ticket.FRT_N, Counters.Ticket.FRT_SUM, Histogram.FRT),
                new Measure(Counters.Ticket.FRTB_N, Counters.Ticket.FRTB_SUM, Histogram.FRTB)),
        RESOLUTION(new Measure(Counters.Ticket.RES_N, Counters.Ticket.RES_SUM, Histogram.RES),
                new Measure(Counters.Ticket.RESB_N, Counters.Ticket.RESB_SUM, Histogram.RESB)),
        NEXT_REPLY(new Measure(Counters.NextReply.NRT_N, Counters.NextReply.NRT_SUM, Histogram.NRT),
                new Measure(Counters.NextReply.NRTB_N, Counters.NextReply.NRTB_SUM, Histogram.NRTB));

        private final Measure calendar;
        private final Measure business;

        Clocked(Measure calendar, Measure business) {
            this.calendar = calendar;
            this.business = business;
        }

        public Measure calendar() {
            return calendar;
        }

        public Measure business() {
            return business;
        }

        /** In business seconds where {@code business}, else in calendar seconds. */
        public Measure in(boolean business) {
            return business ? this.business : calendar;
        }
    }
}
