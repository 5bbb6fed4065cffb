package io.cxmeter.metrics.query;

import java.util.LinkedHashMap;
import java.util.Map;

import io.cxmeter.metrics.facts.Counters;
import io.cxmeter.metrics.facts.Counters.Survey;
import io.cxmeter.metrics.facts.Histogram;
import io.cxmeter.metrics.facts.Measure;
import io.cxmeter.metrics.facts.SlaTarget;
import io.cxmeter.metrics.facts.TicketContributions;
import io.cxmeter.metrics.rollup.Sketch;
import io.cxmeter.metrics.rollup.State;

/** docs/metrics.md's formulas over summed states. Pure functions; each returns null values over an empty set. */
public final class Formulas {

    private Formulas() {
    }

    public static Value nps(State s) {
        long n = s.count(Survey.N);
        long p = s.count(Survey.PROMOTERS);
        long d = s.count(Survey.DETRACTORS);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("promoters", p);
        details.put("passives", s.count(Survey.PASSIVES));
        details.put("detractors", d);
        details.put("responses", n);
        if (n == 0) {
            details.put("marginOfError95", null);
            return new Value(null, 0, details);
        }
        double pp = (double) p / n;
        double pd = (double) d / n;
        double moe = 100 * 1.96 * Math.sqrt((pp + pd - (pp - pd) * (pp - pd)) / n);
        double value = 100.0 * (p - d) / n;
        details.put("marginOfError95", moe);
        details.put("ci95", ConfidenceIntervals.clipped(value - moe, value + moe, -100, 100));
        return new Value(value, n, details);
    }

    public static Value csat(State s) {
        long n = s.count(Survey.N);
        long positive = s.count(Survey.POSITIVE);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("responses", n);
        details.put("positive", positive);
        details.put("meanScore", n > 0 && oneScale(s) ? s.get(Survey.SUM) / n : null);
        details.put("distribution", distribution(s));
        details.put("ci95", ConfidenceIntervals.wilson(positive, n));
        return new Value(n == 0 ? null : 100.0 * positive / n, n, details);
    }

    public static Value ces(State s) {
        long n = s.count(Survey.N);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("responses", n);
        details.put("easyPercent", n == 0 ? null : 100.0 * s.count(Survey.POSITIVE) / n);
        details.put("mixedScales", !oneScale(s) && n > 0);
        Map<String, Long> distribution = distribution(s);
        details.put("distribution", distribution);
        details.put("ci95", meanInterval(s, distribution, n));
        return new Value(n > 0 && oneScale(s) ? s.get(Survey.SUM) / n : null, n, details);
    }

    public static Value responseRate(State s) {
        long invited = s.count(Counters.Invitation.INVITED);
        long responded = s.count(Counters.Invitation.RESPONDED);
        return new Value(invited == 0 ? null : 100.0 * responded / invited, invited,
                details("invitations", invited, "responses", responded));
    }

    /** The mean review score, with its t interval from the reviews' sum of squares. */
    public static Value iqs(State s) {
        long n = s.count(Counters.Review.N);
        double sum = s.get(Counters.Review.SUM);
        return new Value(n == 0 ? null : sum / n, n,
                details("reviews", n, "ci95", ConfidenceIntervals.mean(n, sum, s.get(Counters.Read.REVIEW_SQUARES))));
    }

    public static Value volume(State s) {
        return count(s.count(Counters.Ticket.CREATED), Map.of());
    }

    public static Value blocks(State s) {
        long blocked = s.count(Counters.Ticket.BLOCKED);
        long calls = s.count(Counters.Ticket.CALLS);
        return count(blocked, details("calls", calls, "blockRate", calls == 0 ? null : 100.0 * blocked / calls));
    }

    /**
     * A metric that is the size of a set (ticket volume, blocks, open tickets, backlog): like every
     * metric, null over an empty set (docs/metrics.md: "never 0").
     */
    public static Value count(long n, Map<String, Object> details) {
        return new Value(n == 0 ? null : (double) n, n, details);
    }

    /** Mean, median and p90 of a duration recorded with {@code TicketContributions.durationState}. */
    public static Value duration(State s, Measure measure) {
        long n = s.count(measure.n());
        Map<Integer, Long> histogram = s.histogram(measure.histogram());
        return new Value(n == 0 ? null : s.get(measure.sum()) / n, n,
                details("count", n, "median", Sketch.quantile(histogram, 0.5), "p90", Sketch.quantile(histogram, 0.9)));
    }

    /** Of the SLA target instances decided in the period, the share met; the same per target. */
    public static Value slaAchievement(State s) {
        long met = s.count(Counters.Sla.MET);
        long breached = s.count(Counters.Sla.BREACHED);
        Map<String, Object> details = details("met", met, "breached", breached);
        for (SlaTarget target : SlaTarget.values()) {
            long targetMet = s.count(target.met());
            long targetBreached = s.count(target.breached());
            details.put(target.wire(), details("met", targetMet, "breached", targetBreached, "value",
                    targetMet + targetBreached == 0 ? null : 100.0 * targetMet / (targetMet + targetBreached)));
        }
        long n = met + breached;
        return new Value(n == 0 ? null : 100.0 * met / n, n, details);
    }

    /** Of the tickets resolved in the period (each once), the share reopened before its end. */
    public static Value reopenRate(State s) {
        long tickets = s.count(Counters.Resolution.RESOLUTIONS) - s.count(Counters.Resolution.REPEATED);
        long reopened = s.count(Counters.Resolution.REOPENED);
        return new Value(tickets == 0 ? null : 100.0 * reopened / tickets, tickets,
                details("resolved", tickets, "reopened", reopened));
    }

    /** Of the tickets first resolved in the period, the share resolved after one agent reply and not reopened before its end. */
    public static Value firstContactResolution(State s) {
        long first = s.count(Counters.Resolution.FIRST);
        long resolvedAtFirstContact = s.count(Counters.Resolution.FIRST_CONTACT)
                - s.count(Counters.Resolution.FIRST_CONTACT_REOPENED);
        return new Value(first == 0 ? null : 100.0 * resolvedAtFirstContact / first, first,
                details("firstResolved", first, "resolvedAtFirstContact", resolvedAtFirstContact));
    }

    /** Of the tickets first assigned in the period, the share resolved at its end. */
    public static Value resolutionRate(State s) {
        long n = s.count(Counters.Assignment.ASSIGNED);
        long resolved = s.count(Counters.Assignment.RESOLVED);
        return new Value(n == 0 ? null : 100.0 * resolved / n, n, details("assigned", n, "resolved", resolved));
    }

    /** Of the customers whose follow-up was resolved and whose window closed, the share whose next answer was positive. */
    public static Value recoveryRate(MetricRequest r, State s) {
        long recovered = s.count(Counters.Read.RECOVERED);
        long notRecovered = s.count(Counters.Read.NOT_RECOVERED);
        long n = recovered + notRecovered;
        return new Value(n == 0 ? null : 100.0 * recovered / n, n, details("recovered", recovered,
                "notRecovered", notRecovered, "noAnswer", s.count(Counters.Read.NO_ANSWER), "pending", s.count(Counters.Read.PENDING),
                "windowDays", r.windowDays()));
    }

    /** The mean of a duration whose quantiles are not asked for (ASA, AHT). */
    public static Value mean(State s, Measure measure) {
        long n = s.count(measure.n());
        return new Value(n == 0 ? null : s.get(measure.sum()) / n, n, details("count", n));
    }

    /**
     * Service level: of the offered (queued, not blocked, not abandoned under {@code shortAbandon}
     * seconds), the share answered within {@code threshold} seconds.
     */
    public static Value serviceLevel(State s, int threshold, int shortAbandon) {
        long queued = s.count(Counters.Ticket.SL_QUEUED);
        long shortAbandoned = s.histogram(Histogram.SL_ABANDONED).entrySet().stream()
                .filter(e -> e.getKey() < shortAbandon).mapToLong(Map.Entry::getValue).sum();
        long answered = s.histogram(Histogram.SL_ANSWERED).entrySet().stream()
                .filter(e -> e.getKey() <= threshold && e.getKey() <= TicketContributions.MAX_WAIT_BIN)
                .mapToLong(Map.Entry::getValue).sum();
        long offered = queued - shortAbandoned;
        return new Value(offered == 0 ? null : 100.0 * answered / offered, offered,
                details("offered", offered, "answeredWithinThreshold", answered, "thresholdSeconds", threshold,
                        "shortAbandonSeconds", shortAbandon));
    }

    /** A CUSTOM numeric question: the mean score, when every response shares one scale. */
    public static Value custom(State s) {
        long n = s.count(Survey.N);
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("responses", n);
        details.put("mixedScales", !oneScale(s) && n > 0);
        Map<String, Long> distribution = distribution(s);
        details.put("distribution", distribution);
        details.put("ci95", meanInterval(s, distribution, n));
        return new Value(n > 0 && oneScale(s) ? s.get(Survey.SUM) / n : null, n, details);
    }

    /**
     * The 95 % interval of a mean score on one scale. The spread comes from the distribution of whole
     * scores from 0 to 10; a score off it (a fraction, or beyond 10) leaves it unknown.
     */
    private static java.util.List<Double> meanInterval(State s, Map<String, Long> distribution, long n) {
        return n > 0 && oneScale(s) && distribution.values().stream().mapToLong(Long::longValue).sum() == n
                ? ConfidenceIntervals.mean(distribution, n) : null;
    }

    private static boolean oneScale(State s) {
        return s.counters().keySet().stream().filter(c -> c instanceof Survey survey && survey.isScale()).count() == 1;
    }

    /** How many responses gave each whole score, by score in ascending order. */
    private static Map<String, Long> distribution(State s) {
        Map<String, Long> out = new LinkedHashMap<>();
        for (Survey counter : Survey.values()) {
            long n = s.count(counter);
            if (counter.wholeScore() >= 0 && n != 0) {
                out.put(Integer.toString(counter.wholeScore()), n);
            }
        }
        return out;
    }

    static Map<String, Object> details(Object... pairs) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            out.put((String) pairs[i], pairs[i + 1]);
        }
        return out;
    }
}
