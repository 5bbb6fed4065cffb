package io.cxmeter.metrics.facts;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The counters of each family ({@link Family#counters()}). An enum's order is its family's layout: the
 * position of each counter in the {@code float8[]} of a contribution and of a rollup row, which
 * PostgreSQL adds element-wise. New counters therefore go at the end of their enum, and none is ever
 * reordered or removed: a stored array shorter than its layout reads as zeros beyond its end.
 */
public final class Counters {

    private Counters() {
    }

    /** Additive ticket counters, and the count and seconds of each duration in both clocks ({@link Measure}). */
    public enum Ticket implements Counter {
        CREATED, CALLS, BLOCKED, FRT_N, FRT_SUM, RES_N, RES_SUM, ASA_N, ASA_SUM, SL_QUEUED, AHT_N, AHT_SUM,
        FRTB_N, FRTB_SUM, RESB_N, RESB_SUM
    }

    /** +1/−1 as a ticket enters or leaves the waiting (new, open) and unresolved states. */
    public enum TicketState implements Counter {
        WAITING, UNRESOLVED
    }

    /** A ticket first assigned, and whether it is resolved now. */
    public enum Assignment implements Counter {
        ASSIGNED, RESOLVED
    }

    /** Waits for an agent's next reply closed, and their seconds, in both clocks. */
    public enum NextReply implements Counter {
        NRT_N, NRT_SUM, NRTB_N, NRTB_SUM
    }

    /** A resolution, and what it was: the ticket's first, after one agent reply, a repeat, reopened. */
    public enum Resolution implements Counter {
        RESOLUTIONS, FIRST, FIRST_CONTACT, REPEATED, REOPENED, FIRST_CONTACT_REOPENED
    }

    /** SLA target instances decided, in all and per target ({@link SlaTarget}). */
    public enum Sla implements Counter {
        MET, BREACHED, FIRST_REPLY_MET, FIRST_REPLY_BREACHED, NEXT_REPLY_MET, NEXT_REPLY_BREACHED, RESOLUTION_MET,
        RESOLUTION_BREACHED
    }

    /**
     * A survey response (NPS, CSAT, CES and custom families alike): its score, whether it is positive or
     * which NPS group it falls in, its whole score from 0 to 10 (the distribution) and its scale.
     */
    public enum Survey implements Counter {
        N, SUM, POSITIVE, PROMOTERS, PASSIVES, DETRACTORS,
        SCORE_0, SCORE_1, SCORE_2, SCORE_3, SCORE_4, SCORE_5, SCORE_6, SCORE_7, SCORE_8, SCORE_9, SCORE_10,
        SCALE_0_10, SCALE_1_3, SCALE_1_5, SCALE_1_7, SCALE_1_10, SCALE_0_1, SCALE_OTHER;

        private static final Survey[] ALL = values();
        /** The usual scales by {@code min_max}. */
        private static final Map<String, Survey> SCALES = Arrays.stream(ALL).filter(c -> c.isScale() && c != SCALE_OTHER)
                .collect(Collectors.toUnmodifiableMap(c -> c.name().substring("SCALE_".length()), Function.identity()));

        /** The counter of a whole score from 0 to 10, or null for any other score. */
        public static Survey score(double score) {
            return score == Math.rint(score) && score >= 0 && score <= 10 ? ALL[SCORE_0.ordinal() + (int) score] : null;
        }

        /** The whole score a {@code SCORE_} counter counts, or −1 for any other counter. */
        public int wholeScore() {
            return ordinal() >= SCORE_0.ordinal() && ordinal() <= SCORE_10.ordinal() ? ordinal() - SCORE_0.ordinal() : -1;
        }

        /** The counter of a scale: one of the usual ones, or {@link #SCALE_OTHER}. */
        public static Survey scale(int min, int max) {
            return SCALES.getOrDefault(min + "_" + max, SCALE_OTHER);
        }

        public boolean isScale() {
            return ordinal() >= SCALE_0_10.ordinal();
        }
    }

    /** A survey invitation sent, and whether it has been answered. */
    public enum Invitation implements Counter {
        INVITED, RESPONDED
    }

    /** A conversation review and its score. */
    public enum Review implements Counter {
        N, SUM
    }

    /** A customer becoming one (and whether by referral), and churning. */
    public enum Customer implements Counter {
        SINCE, REFERRED, CHURNED
    }

    /** A purchase's amount. */
    public enum Purchase implements Counter {
        AMOUNT
    }

    /** An interaction of a customer: a ticket created, a survey response, an engagement event. */
    public enum Interaction implements Counter {
        INTERACTIONS
    }

    /**
     * What reads of the raw facts compute for a formula, never stored: the sum of squared review scores,
     * customers engaged, revenue and buyers, and the outcomes of followed-up negative answers.
     */
    public enum Read implements Counter {
        REVIEW_SQUARES, ENGAGED, REVENUE, BUYERS, RECOVERED, NOT_RECOVERED, NO_ANSWER, PENDING
    }
}
