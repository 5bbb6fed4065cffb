package io.cxmeter.metrics.query;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.metrics.facts.Dimension;
import io.cxmeter.metrics.facts.Family;
import io.cxmeter.metrics.rollup.Layout;
import io.cxmeter.metrics.rollup.RollupReader;
import io.cxmeter.metrics.rollup.RollupReader.Period;
import io.cxmeter.metrics.rollup.State;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;

/**
 * Answers a metric request. The whole period is period 0 and the buckets of a series are 1..n; each
 * metric is evaluated for all of them at once, without groups and, when asked, per group.
 */
@ApplicationScoped
public class MetricsEngine {

    @Inject
    RollupReader rollups;

    @Inject
    RawFacts raw;

    public Uni<MetricResult> compute(MetricRequest request) {
        List<Period> periods = new ArrayList<>();
        periods.add(new Period(0, request.from(), request.to()));
        List<Interval.Bucket> buckets = request.interval() == null ? List.of()
                : request.interval().buckets(request.from(), request.to(), request.zone());
        for (int i = 0; i < buckets.size(); i++) {
            periods.add(new Period(i + 1, buckets.get(i).start(), buckets.get(i).end()));
        }
        return values(request, periods).map(both -> {
            Value total = value(both.getItem1(), 0, RollupReader.ALL);
            List<MetricResult.Point> series = request.interval() == null ? null : series(both.getItem1(), buckets, RollupReader.ALL);
            List<MetricResult.Group> groups = null;
            if (request.groupBy() != null) {
                // A group is listed when its set is not empty in the period or in one of its buckets: a
                // family's rows also carry the keys of facts that other metrics count.
                Set<String> keys = new LinkedHashSet<>();
                both.getItem2().values().forEach(byKey -> byKey.forEach((key, v) -> {
                    if (v.count() > 0) {
                        keys.add(key);
                    }
                }));
                groups = keys.stream().sorted(Comparator.nullsLast(Comparator.naturalOrder())).map(key -> {
                    Value v = value(both.getItem2(), 0, key);
                    return new MetricResult.Group(key, v.value(), v.count(), v.details(),
                            request.interval() == null ? null : series(both.getItem2(), buckets, key));
                }).toList();
            }
            Instant at = request.metric() == Metric.OPEN_TICKETS ? instant(request, periods.get(0)) : null;
            return new MetricResult(request.metric().id(), request.from(), request.to(), at, total.value(), total.count(),
                    total.details(), groups, series);
        });
    }

    private static List<MetricResult.Point> series(Map<Integer, Map<String, Value>> values, List<Interval.Bucket> buckets,
            String key) {
        List<MetricResult.Point> points = new ArrayList<>(buckets.size());
        for (int i = 0; i < buckets.size(); i++) {
            Value v = value(values, i + 1, key);
            points.add(new MetricResult.Point(buckets.get(i).start(), buckets.get(i).end(), v.value(), v.count(), v.details()));
        }
        return points;
    }

    private static Value value(Map<Integer, Map<String, Value>> values, int index, String key) {
        Map<String, Value> byKey = values.get(index);
        return byKey == null || !byKey.containsKey(key) ? Value.EMPTY : byKey.get(key);
    }

    /** The instant an instant metric is read at: {@code at} (open tickets) or the end of the period. */
    private static Instant instant(MetricRequest request, Period period) {
        return period.index() == 0 && request.at() != null ? request.at() : period.to();
    }

    /**
     * The values of every period, without groups (item 1) and per group (item 2, empty without groupBy).
     * Grouped, the facts are read once: every fact is in exactly one group (the null group included),
     * so a period's total is the sum of its groups.
     */
    private Uni<Tuple2<Map<Integer, Map<String, Value>>, Map<Integer, Map<String, Value>>>> values(
            MetricRequest r, List<Period> periods) {
        Dimension by = r.groupBy();
        if (r.metric().kind() == Metric.Kind.CUSTOMER) {
            // Customer metrics have no dimensions (a groupBy is refused before).
            return customers(r, periods).map(totals -> Tuple2.of(totals, Map.of()));
        }
        Evaluation e = evaluation(r, periods, by);
        return e.sums().map(sums -> {
            Map<Integer, Map<String, State>> totals = withTotals(periods, by == null ? sums : sumOfGroups(sums));
            Map<Integer, Map<String, Value>> grouped = by == null ? Map.of() : finish(sums, e.formula());
            return Tuple2.of(finish(totals, e.formula()), grouped);
        });
    }

    /** A metric's sums per period and group and the formula that makes a value of a sum. */
    private record Evaluation(Uni<Map<Integer, Map<String, State>>> sums, Function<State, Value> formula) {
    }

    private Evaluation evaluation(MetricRequest r, List<Period> periods, Dimension by) {
        return switch (r.metric()) {
            case NPS -> additive(r, Family.NPS, periods, by, Formulas::nps);
            case CSAT -> additive(r, Family.CSAT, periods, by, Formulas::csat);
            case CES -> additive(r, Family.CES, periods, by, Formulas::ces);
            case CUSTOM -> additive(r, Family.CUSTOM, periods, by, Formulas::custom);
            case RESPONSE_RATE -> additive(r, Family.INVITATION, periods, by, Formulas::responseRate);
            case IQS -> new Evaluation(plus(read(r, Family.REVIEW, null, by, periods, List.of()),
                    raw.reviewSquares(r.tenantId(), periods, by, r.filter())), Formulas::iqs);
            case TICKET_VOLUME -> additive(r, Family.TICKET, periods, by, Formulas::volume);
            case BLOCKS -> additive(r, Family.TICKET, periods, by, Formulas::blocks);
            case FIRST_RESPONSE_TIME -> additive(r, Family.TICKET, periods, by, s -> Formulas.duration(s, clocked(r, "frt")));
            case ASA -> additive(r, Family.TICKET, periods, by, s -> Formulas.mean(s, "asa"));
            case AHT -> additive(r, Family.TICKET, periods, by, s -> Formulas.mean(s, "aht"));
            case SERVICE_LEVEL -> additive(r, Family.TICKET, periods, by,
                    s -> Formulas.serviceLevel(s, r.threshold(), r.shortAbandonSeconds()));
            case RESOLUTION_TIME -> new Evaluation(plus(
                    read(r, Family.TICKET, null, by, periods, List.of(clocked(r, "res"))),
                    raw.reopenedResolutions(r.tenantId(), periods, by, r.filter(), r.businessClock())),
                    s -> Formulas.duration(s, clocked(r, "res")));
            case NEXT_REPLY_TIME -> additive(r, Family.NEXT_REPLY, periods, by, s -> Formulas.duration(s, clocked(r, "nrt")));
            case REOPEN_RATE, FIRST_CONTACT_RESOLUTION -> new Evaluation(plus(
                    read(r, Family.RESOLUTION, null, by, periods, List.of()),
                    r.reads() == null ? raw.reopenings(r.tenantId(), periods, by, r.filter())
                            : r.reads().sums(Arrays.asList("reopenings", by, r.filter(), periods),
                                    () -> raw.reopenings(r.tenantId(), periods, by, r.filter()))),
                    r.metric() == Metric.REOPEN_RATE ? Formulas::reopenRate : Formulas::firstContactResolution);
            case SLA_ACHIEVEMENT -> additive(r, Family.SLA, periods, by, Formulas::slaAchievement);
            case RESOLUTION_RATE -> new Evaluation(plus(
                    read(r, Family.ASSIGNMENT, null, by, periods, List.of()),
                    raw.resolvedAtEndCorrection(r.tenantId(), periods, by, r.filter())), s -> {
                        long n = s.count("assigned");
                        long resolved = s.count("resolved");
                        return new Value(n == 0 ? null : 100.0 * resolved / n, n,
                                Formulas.details("assigned", n, "resolved", resolved));
                    });
            case OPEN_TICKETS, BACKLOG -> {
                String counter = r.metric() == Metric.OPEN_TICKETS ? "waiting" : "unresolved";
                List<Period> instants = periods.stream().map(p -> new Period(p.index(), null,
                        r.metric() == Metric.OPEN_TICKETS ? instant(r, p) : p.to())).toList();
                yield new Evaluation(read(r, Family.TICKET_STATE, null, by, instants, List.of()),
                        s -> Formulas.count(s.count(counter), Map.of()));
            }
            case RECOVERY_RATE -> new Evaluation(raw.recoveries(r.tenantId(), periods, by, r.filter(), r.windowDays()), s -> {
                long recovered = s.count("recovered");
                long notRecovered = s.count("notRecovered");
                long n = recovered + notRecovered;
                return new Value(n == 0 ? null : 100.0 * recovered / n, n, Formulas.details("recovered", recovered,
                        "notRecovered", notRecovered, "noAnswer", s.count("noAnswer"), "pending", s.count("pending"),
                        "windowDays", r.windowDays()));
            });
            case CHURN_RATE, RETENTION_RATE, REFERRAL_RATE, ENGAGEMENT, CLV ->
                    throw new IllegalStateException(r.metric() + " is a customer metric");
        };
    }

    private Evaluation additive(MetricRequest r, Family family, List<Period> periods, Dimension by,
            Function<State, Value> formula) {
        return new Evaluation(read(r, family, r.surveyId(), by, periods, histograms(r), counters(r, family)), formula);
    }

    /** A duration's counters and histogram: {@code name} in calendar seconds, {@code name + "b"} in business seconds. */
    private static String clocked(MetricRequest r, String name) {
        return r.businessClock() ? name + "b" : name;
    }

    /**
     * How many of the family's first counters the metric needs: NPS n to detractors, none of the score
     * counts; FRT in calendar seconds up to its count and sum, the first 5 of a ticket row's counters.
     */
    private static int counters(MetricRequest r, Family family) {
        return switch (r.metric()) {
            case NPS -> NPS_COUNTERS;
            case FIRST_RESPONSE_TIME -> r.businessClock() ? Layout.size(family) : FRT_COUNTERS;
            default -> Layout.size(family);
        };
    }

    private static final int NPS_COUNTERS = Layout.prefix(Family.NPS, List.of("n", "promoters", "passives", "detractors"));
    private static final int FRT_COUNTERS = Layout.prefix(Family.TICKET, List.of("frt.n", "frt.sum"));

    /**
     * The calendar-clock histograms of the ticket family: a summary reads them, and all its counters, once
     * for all its ticket metrics.
     */
    private static final List<String> TICKET_HISTOGRAMS = List.of("frt", "res", "sl.answered", "sl.abandoned");

    /** A family's sums over the periods, read once per summary when the request shares its reads. */
    private Uni<Map<Integer, Map<String, State>>> read(MetricRequest r, Family family, String survey, Dimension by,
            List<Period> periods, List<String> histograms) {
        return read(r, family, survey, by, periods, histograms, Layout.size(family));
    }

    private Uni<Map<Integer, Map<String, State>>> read(MetricRequest r, Family family, String survey, Dimension by,
            List<Period> periods, List<String> histograms, int counters) {
        if (r.reads() == null) {
            return rollups.read(r.tenantId(), r.zone(), family, survey, by, r.filter(), periods, histograms, counters);
        }
        List<String> wanted = family == Family.TICKET ? TICKET_HISTOGRAMS : histograms;
        int decoded = family == Family.TICKET ? Layout.size(family) : counters;
        return r.reads().sums(Arrays.asList(family, survey, by, r.filter(), periods, wanted, decoded),
                () -> rollups.read(r.tenantId(), r.zone(), family, survey, by, r.filter(), periods, wanted, decoded));
    }

    /** Each period's groups summed into its one total. */
    private static Map<Integer, Map<String, State>> sumOfGroups(Map<Integer, Map<String, State>> sums) {
        Map<Integer, Map<String, State>> totals = new HashMap<>();
        sums.forEach((index, byKey) -> totals.put(index, new HashMap<>(Map.of(RollupReader.ALL, State.sumOf(byKey.values())))));
        return totals;
    }

    /** Every period has a total, empty or not: an empty period answers with its details too. */
    private static Map<Integer, Map<String, State>> withTotals(List<Period> periods, Map<Integer, Map<String, State>> totals) {
        periods.forEach(p -> totals.computeIfAbsent(p.index(), i -> new HashMap<>())
                .computeIfAbsent(RollupReader.ALL, k -> new State()));
        return totals;
    }

    /** The histograms a metric reads; the others stay in the database. */
    private static List<String> histograms(MetricRequest r) {
        return switch (r.metric()) {
            case FIRST_RESPONSE_TIME -> List.of(clocked(r, "frt"));
            case NEXT_REPLY_TIME -> List.of(clocked(r, "nrt"));
            case SERVICE_LEVEL -> List.of("sl.answered", "sl.abandoned");
            default -> List.of();
        };
    }

    /** The sums of both reads, period by period and group by group. */
    private static Uni<Map<Integer, Map<String, State>>> plus(Uni<Map<Integer, Map<String, State>>> a,
            Uni<Map<Integer, Map<String, State>>> b) {
        return Uni.combine().all().unis(a, b).asTuple().map(both -> {
            Map<Integer, Map<String, State>> sums = both.getItem1();
            both.getItem2().forEach((index, byKey) -> byKey.forEach((key, state) -> sums
                    .computeIfAbsent(index, i -> new HashMap<>()).computeIfAbsent(key, k -> new State()).merge(state, 1)));
            return sums;
        });
    }

    /** The customer metrics, which have no dimensions: everything is in the one group of each period. */
    private Uni<Map<Integer, Map<String, Value>>> customers(MetricRequest r, List<Period> periods) {
        List<Period> atFrom = periods.stream().map(p -> new Period(p.index(), null, p.from())).toList();
        List<Period> atTo = periods.stream().map(p -> new Period(p.index(), null, p.to())).toList();
        Uni<Map<Integer, Map<String, State>>> before = read(r, Family.CUSTOMER, null, null, atFrom, List.of());
        Uni<Map<Integer, Map<String, State>>> untilEnd = read(r, Family.CUSTOMER, null, null, atTo, List.of());
        Uni<Map<Integer, Map<String, State>>> during = read(r, Family.CUSTOMER, null, null, periods, List.of());
        Uni<Map<Integer, Long>> joinedAndChurned = r.reads() == null ? raw.joinedAndChurned(r.tenantId(), periods)
                : r.reads().shared(List.of("joinedAndChurned", periods), () -> raw.joinedAndChurned(r.tenantId(), periods));
        Uni<Map<Integer, State>> interactions = r.metric() == Metric.ENGAGEMENT ? raw.interactions(r.tenantId(), periods)
                : Uni.createFrom().item(Map.of());
        Uni<Map<Integer, State>> purchases = r.metric() == Metric.CLV ? raw.purchases(r.tenantId(), periods)
                : Uni.createFrom().item(Map.of());
        return Uni.combine().all().unis(before, untilEnd, during, joinedAndChurned, interactions, purchases).asTuple()
                .map(all -> {
                    Map<Integer, Map<String, Value>> out = new HashMap<>();
                    for (Period p : periods) {
                        CustomerNumbers n = new CustomerNumbers(state(all.getItem1(), p), state(all.getItem2(), p),
                                state(all.getItem3(), p), all.getItem4().getOrDefault(p.index(), 0L),
                                all.getItem5().getOrDefault(p.index(), new State()),
                                all.getItem6().getOrDefault(p.index(), new State()),
                                ChronoUnit.MICROS.between(p.from(), p.to()) / 86_400e6);
                        out.computeIfAbsent(p.index(), i -> new HashMap<>()).put(RollupReader.ALL, switch (r.metric()) {
                            case CHURN_RATE -> n.churnRate();
                            case RETENTION_RATE -> n.retentionRate();
                            case REFERRAL_RATE -> n.referralRate();
                            case ENGAGEMENT -> n.engagement();
                            default -> n.clv();
                        });
                    }
                    return out;
                });
    }

    private static State state(Map<Integer, Map<String, State>> sums, Period p) {
        Map<String, State> byKey = sums.get(p.index());
        return byKey == null || byKey.get(RollupReader.ALL) == null ? new State() : byKey.get(RollupReader.ALL);
    }

    private static Map<Integer, Map<String, Value>> finish(Map<Integer, Map<String, State>> sums, Function<State, Value> formula) {
        Map<Integer, Map<String, Value>> out = new HashMap<>();
        sums.forEach((index, byKey) -> {
            Map<String, Value> values = new LinkedHashMap<>();
            byKey.forEach((key, state) -> values.put(key, formula.apply(state)));
            out.put(index, values);
        });
        return out;
    }
}
