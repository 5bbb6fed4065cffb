package io.cxmeter.metrics.query;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.cxmeter.metrics.facts.TicketContributions;
import io.cxmeter.metrics.rollup.Sketch;
import io.cxmeter.metrics.rollup.State;

/** docs/metrics.md's formulas over summed states. Pure functions; each returns null values over an empty set. */
public final class Formulas {

    private Formulas() {
    }

    public static Value nps(State s) {
        long n = s.count("n");
        long p = s.count("promoters");
        long d = s.count("detractors");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("promoters", p);
        details.put("passives", s.count("passives"));
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
        long n = s.count("n");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("responses", n);
        details.put("positive", s.count("positive"));
        details.put("meanScore", n > 0 && oneScale(s) ? s.get("sum") / n : null);
        details.put("distribution", distribution(s));
        details.put("ci95", ConfidenceIntervals.wilson(s.count("positive"), n));
        return new Value(n == 0 ? null : 100.0 * s.count("positive") / n, n, details);
    }

    public static Value ces(State s) {
        long n = s.count("n");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("responses", n);
        details.put("easyPercent", n == 0 ? null : 100.0 * s.count("positive") / n);
        details.put("mixedScales", !oneScale(s) && n > 0);
        Map<String, Long> distribution = distribution(s);
        details.put("distribution", distribution);
        details.put("ci95", meanInterval(s, distribution, n));
        return new Value(n > 0 && oneScale(s) ? s.get("sum") / n : null, n, details);
    }

    public static Value responseRate(State s) {
        long invited = s.count("invited");
        long responded = s.count("responded");
        return new Value(invited == 0 ? null : 100.0 * responded / invited, invited,
                details("invitations", invited, "responses", responded));
    }

    /** The mean review score, with its t interval from the reviews' sum of squares ({@code sumsq}). */
    public static Value iqs(State s) {
        long n = s.count("n");
        return new Value(n == 0 ? null : s.get("sum") / n, n,
                details("reviews", n, "ci95", ConfidenceIntervals.mean(n, s.get("sum"), s.get("sumsq"))));
    }

    public static Value volume(State s) {
        return count(s.count("created"), Map.of());
    }

    public static Value blocks(State s) {
        long blocked = s.count("blocked");
        long calls = s.count("calls");
        return count(blocked, details("calls", calls, "blockRate", calls == 0 ? null : 100.0 * blocked / calls));
    }

    /**
     * A metric that is the size of a set (ticket volume, blocks, open tickets, backlog): like every
     * metric, null over an empty set (docs/metrics.md: "never 0").
     */
    public static Value count(long n, Map<String, Object> details) {
        return new Value(n == 0 ? null : (double) n, n, details);
    }

    /** Mean, median and p90 of a duration recorded with {@code TicketContributions.duration}. */
    public static Value duration(State s, String name) {
        long n = s.count(name + ".n");
        return new Value(n == 0 ? null : s.get(name + ".sum") / n, n,
                details("count", n, "median", Sketch.quantile(s.histogram(name), 0.5),
                        "p90", Sketch.quantile(s.histogram(name), 0.9)));
    }

    /** Of the SLA target instances decided in the period, the share met; the same per target. */
    public static Value slaAchievement(State s) {
        long met = s.count("met");
        long breached = s.count("breached");
        Map<String, Object> details = details("met", met, "breached", breached);
        for (String target : io.cxmeter.metrics.facts.TicketContributions.SLA_TARGETS) {
            long targetMet = s.count(target + ".met");
            long targetBreached = s.count(target + ".breached");
            details.put(target, details("met", targetMet, "breached", targetBreached, "value",
                    targetMet + targetBreached == 0 ? null : 100.0 * targetMet / (targetMet + targetBreached)));
        }
        long n = met + breached;
        return new Value(n == 0 ? null : 100.0 * met / n, n, details);
    }

    /** Of the tickets resolved in the period (each once), the share reopened before its end. */
    public static Value reopenRate(State s) {
        long tickets = s.count("resolutions") - s.count("repeated");
        long reopened = s.count("reopened");
        return new Value(tickets == 0 ? null : 100.0 * reopened / tickets, tickets,
                details("resolved", tickets, "reopened", reopened));
    }

    /** Of the tickets first resolved in the period, the share resolved after one agent reply and not reopened before its end. */
    public static Value firstContactResolution(State s) {
        long first = s.count("first");
        long resolvedAtFirstContact = s.count("firstContact") - s.count("firstContactReopened");
        return new Value(first == 0 ? null : 100.0 * resolvedAtFirstContact / first, first,
                details("firstResolved", first, "resolvedAtFirstContact", resolvedAtFirstContact));
    }

    /** Of the tickets first assigned in the period, the share resolved at its end. */
    public static Value resolutionRate(State s) {
        long n = s.count("assigned");
        long resolved = s.count("resolved");
        return new Value(n == 0 ? null : 100.0 * resolved / n, n, details("assigned", n, "resolved", resolved));
    }

    /** Of the customers whose follow-up was resolved and whose window closed, the share whose next answer was positive. */
    public static Value recoveryRate(MetricRequest r, State s) {
        long recovered = s.count("recovered");
        long notRecovered = s.count("notRecovered");
        long n = recovered + notRecovered;
        return new Value(n == 0 ? null : 100.0 * recovered / n, n, details("recovered", recovered,
                "notRecovered", notRecovered, "noAnswer", s.count("noAnswer"), "pending", s.count("pending"),
                "windowDays", r.windowDays()));
    }

    public static Value mean(State s, String name) {
        long n = s.count(name + ".n");
        return new Value(n == 0 ? null : s.get(name + ".sum") / n, n, details("count", n));
    }

    /**
     * Service level: of the offered (queued, not blocked, not abandoned under {@code shortAbandon}
     * seconds), the share answered within {@code threshold} seconds.
     */
    public static Value serviceLevel(State s, int threshold, int shortAbandon) {
        long queued = s.count("sl.queued");
        long shortAbandoned = s.histogram("sl.abandoned").entrySet().stream()
                .filter(e -> e.getKey() < shortAbandon).mapToLong(Map.Entry::getValue).sum();
        long answered = s.histogram("sl.answered").entrySet().stream()
                .filter(e -> e.getKey() <= threshold && e.getKey() <= TicketContributions.MAX_WAIT_BIN)
                .mapToLong(Map.Entry::getValue).sum();
        long offered = queued - shortAbandoned;
        return new Value(offered == 0 ? null : 100.0 * answered / offered, offered,
                details("offered", offered, "answeredWithinThreshold", answered, "thresholdSeconds", threshold,
                        "shortAbandonSeconds", shortAbandon));
    }

    /** A CUSTOM numeric question: the mean score, when every response shares one scale. */
    public static Value custom(State s) {
        long n = s.count("n");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("responses", n);
        details.put("mixedScales", !oneScale(s) && n > 0);
        Map<String, Long> distribution = distribution(s);
        details.put("distribution", distribution);
        details.put("ci95", meanInterval(s, distribution, n));
        return new Value(n > 0 && oneScale(s) ? s.get("sum") / n : null, n, details);
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
        return s.counters().keySet().stream().filter(k -> k.startsWith("scale:")).count() == 1;
    }

    private static Map<String, Long> distribution(State s) {
        Map<String, Long> out = new TreeMap<>((a, b) -> Double.compare(Double.parseDouble(a), Double.parseDouble(b)));
        s.counters().forEach((k, v) -> {
            if (k.startsWith("score:")) {
                out.put(k.substring(6), Math.round(v));
            }
        });
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
