package io.cxmeter.metrics.query;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.metrics.facts.Dimension;
import io.cxmeter.metrics.facts.Family;
import io.cxmeter.metrics.rollup.PeriodSums;
import io.cxmeter.metrics.rollup.RollupReader;
import io.cxmeter.metrics.rollup.RollupReader.Period;
import io.cxmeter.metrics.rollup.State;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.tuples.Tuple2;

/**
 * Answers a metric request, whatever the metric ({@link Metric#definition()} says how each is read and
 * computed). The whole period is period 0 and the buckets of a series are 1..n; each metric is
 * evaluated for all of them at once, without groups and, when asked, per group.
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
        MetricDefinitions.Definition definition = request.metric().definition();
        return values(request, definition, periods).map(both -> {
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
            Instant at = definition instanceof MetricDefinitions.Summed summed && summed.atInstant()
                    ? MetricDefinitions.instant(request, periods.get(0)) : null;
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

    /**
     * The values of every period, without groups (item 1) and per group (item 2, empty without groupBy).
     * Grouped, the facts are read once: every fact is in exactly one group (the null group included),
     * so a period's total is the sum of its groups.
     */
    private Uni<Tuple2<Map<Integer, Map<String, Value>>, Map<Integer, Map<String, Value>>>> values(
            MetricRequest r, MetricDefinitions.Definition definition, List<Period> periods) {
        Dimension by = r.groupBy();
        Sums with = new Sums(rollups, raw, r, periods);
        if (definition instanceof MetricDefinitions.OfCustomers customers) {
            // Customer metrics have no dimensions (a groupBy is refused before).
            return customers(with, customers).map(totals -> Tuple2.of(totals, Map.of()));
        }
        MetricDefinitions.Summed summed = (MetricDefinitions.Summed) definition;
        Function<State, Value> formula = s -> summed.formula().apply(r, s);
        return summed.reads().sums(with).map(sums -> {
            PeriodSums totals = withTotals(periods, by == null ? sums : sums.totals());
            Map<Integer, Map<String, Value>> grouped = by == null ? Map.of() : sums.map(formula);
            return Tuple2.of(totals.map(formula), grouped);
        });
    }

    /** Every period has a total, empty or not: an empty period answers with its details too. */
    private static PeriodSums withTotals(List<Period> periods, PeriodSums totals) {
        periods.forEach(p -> totals.add(p.index(), RollupReader.ALL, new State()));
        return totals;
    }

    /** A customer metric: everything is in the one group of each period. */
    private Uni<Map<Integer, Map<String, Value>>> customers(Sums with, MetricDefinitions.OfCustomers definition) {
        MetricRequest r = with.request();
        List<Period> periods = with.periods();
        List<Period> atFrom = periods.stream().map(p -> new Period(p.index(), null, p.from())).toList();
        List<Period> atTo = periods.stream().map(p -> new Period(p.index(), null, p.to())).toList();
        Uni<PeriodSums> before = with.rollupAt(Family.CUSTOMER, atFrom);
        Uni<PeriodSums> untilEnd = with.rollupAt(Family.CUSTOMER, atTo);
        Uni<PeriodSums> during = with.rollup(Family.CUSTOMER);
        Uni<Map<Integer, Long>> joinedAndChurned = with.sharedAsIs("joinedAndChurned",
                () -> raw.joinedAndChurned(r.tenantId(), periods));
        Uni<Map<Integer, State>> interactions = definition.interactions() ? raw.interactions(r.tenantId(), periods)
                : Uni.createFrom().item(Map.of());
        Uni<Map<Integer, State>> purchases = definition.purchases() ? raw.purchases(r.tenantId(), periods)
                : Uni.createFrom().item(Map.of());
        return Uni.combine().all().unis(before, untilEnd, during, joinedAndChurned, interactions, purchases).asTuple()
                .map(all -> {
                    Map<Integer, Map<String, Value>> out = new HashMap<>();
                    for (Period p : periods) {
                        CustomerNumbers n = new CustomerNumbers(all.getItem1().get(p.index(), RollupReader.ALL),
                                all.getItem2().get(p.index(), RollupReader.ALL), all.getItem3().get(p.index(), RollupReader.ALL), all.getItem4().getOrDefault(p.index(), 0L),
                                all.getItem5().getOrDefault(p.index(), new State()),
                                all.getItem6().getOrDefault(p.index(), new State()),
                                ChronoUnit.MICROS.between(p.from(), p.to()) / 86_400e6);
                        out.computeIfAbsent(p.index(), i -> new HashMap<>()).put(RollupReader.ALL, definition.value().apply(n));
                    }
                    return out;
                });
    }

}
