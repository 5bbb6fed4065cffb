package io.cxmeter.metrics.query;

import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

import io.cxmeter.metrics.facts.Dimension;
import io.cxmeter.metrics.facts.Family;
import io.cxmeter.metrics.facts.Histogram;
import io.cxmeter.metrics.rollup.Layout;
import io.cxmeter.metrics.rollup.PeriodSums;
import io.cxmeter.metrics.rollup.RollupReader;
import io.cxmeter.metrics.rollup.RollupReader.Period;
import io.smallrye.mutiny.Uni;

/**
 * What a metric definition reads its sums with, for one request: rollup families over the request's
 * periods (shared between the metrics of a summary), the corrections from the raw facts, and both
 * added ({@link PeriodSums}).
 */
public final class Sums {

    /**
     * The calendar-clock histograms of the ticket family: a summary reads them, and all its counters, once
     * for all its ticket metrics.
     */
    private static final List<Histogram> TICKET_HISTOGRAMS = List.of(Histogram.FRT, Histogram.RES, Histogram.SL_ANSWERED,
            Histogram.SL_ABANDONED);

    private final RollupReader rollups;
    private final RawFacts raw;
    private final MetricRequest request;
    private final List<Period> periods;

    Sums(RollupReader rollups, RawFacts raw, MetricRequest request, List<Period> periods) {
        this.rollups = rollups;
        this.raw = raw;
        this.request = request;
        this.periods = periods;
    }

    public MetricRequest request() {
        return request;
    }

    public List<Period> periods() {
        return periods;
    }

    public Dimension by() {
        return request.groupBy();
    }

    /** The raw facts, for the corrections a rollup cannot hold. */
    public RawFacts raw() {
        return raw;
    }

    /** A family's whole rows over the periods, without histograms. */
    public Uni<PeriodSums> rollup(Family family) {
        return rollup(family, null, periods, List.of(), Layout.size(family));
    }

    /** A family's rows of the request's survey, with these histograms and its first {@code counters} counters. */
    public Uni<PeriodSums> rollup(Family family, List<Histogram> histograms, int counters) {
        return rollup(family, request.surveyId(), periods, histograms, counters);
    }

    /** A family's rows over other periods (instants, or the periods' starts). */
    public Uni<PeriodSums> rollupAt(Family family, List<Period> at) {
        return rollup(family, null, at, List.of(), Layout.size(family));
    }

    private Uni<PeriodSums> rollup(Family family, String survey, List<Period> over,
            List<Histogram> histograms, int counters) {
        MetricRequest r = request;
        Dimension by = family == Family.CUSTOMER ? null : r.groupBy();
        if (r.reads() == null) {
            return rollups.read(new RollupReader.Query(r.tenantId(), r.zone(), family, survey, by, r.filter(), over, histograms,
                    counters));
        }
        // Within a summary, every ticket metric reads the whole ticket rows with their calendar histograms once.
        RollupReader.Query query = family == Family.TICKET
                ? new RollupReader.Query(r.tenantId(), r.zone(), family, survey, by, r.filter(), over, TICKET_HISTOGRAMS,
                        Layout.size(family))
                : new RollupReader.Query(r.tenantId(), r.zone(), family, survey, by, r.filter(), over, histograms, counters);
        return r.reads().sums(List.of(query), () -> rollups.read(query));
    }

    /**
     * A raw read that several metrics of a summary make alike ({@code name} with the request's grouping,
     * filter and periods), made once; each gets its own copy of the sums.
     */
    public Uni<PeriodSums> shared(String name, Supplier<Uni<PeriodSums>> read) {
        return request.reads() == null ? read.get() : request.reads().sums(key(name), read);
    }

    /** As {@link #shared}, for an answer nobody changes. */
    public <T> Uni<T> sharedAsIs(String name, Supplier<Uni<T>> read) {
        return request.reads() == null ? read.get() : request.reads().shared(key(name), read);
    }

    private List<Object> key(String name) {
        return Arrays.asList(name, request.groupBy(), request.filter(), periods);
    }

    /** The sums of both reads, period by period and group by group. */
    public static Uni<PeriodSums> plus(Uni<PeriodSums> a, Uni<PeriodSums> b) {
        return Uni.combine().all().unis(a, b).asTuple().map(both -> both.getItem1().plus(both.getItem2()));
    }
}
