package io.cxmeter.metrics.query;

import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.cxmeter.metrics.facts.Counters.Survey;
import io.cxmeter.metrics.facts.Family;
import io.cxmeter.metrics.facts.Measure;
import io.cxmeter.metrics.facts.Measure.Clocked;
import io.cxmeter.metrics.rollup.Layout;
import io.cxmeter.metrics.rollup.PeriodSums;
import io.cxmeter.metrics.rollup.RollupReader.Period;
import io.cxmeter.metrics.rollup.State;
import io.smallrye.mutiny.Uni;

/**
 * The shapes of a metric's definition ({@link Metric#definition()}): what it reads for a request's
 * periods and groups, and the formula that makes a value of the sum (docs/metrics.md); and the reads
 * several metrics share.
 */
final class MetricDefinitions {

    /** What a metric reads: its sums per period index and group key. */
    @FunctionalInterface
    interface Reads {
        Uni<PeriodSums> sums(Sums with);
    }

    /** How a metric is computed. */
    sealed interface Definition permits Summed, OfCustomers {
    }

    /**
     * A metric summed over facts, per period and group, then finished by {@code formula}; {@code atInstant}
     * when it is read at an instant (the request's {@code at}) rather than over the period.
     */
    record Summed(Reads reads, BiFunction<MetricRequest, State, Value> formula, boolean atInstant) implements Definition {
    }

    /**
     * A customer metric: no dimensions, from the customers at the period's start and end and what
     * happened between ({@link CustomerNumbers}), with interactions or purchases when it needs them.
     */
    record OfCustomers(Function<CustomerNumbers, Value> value, boolean interactions, boolean purchases) implements Definition {
    }

    /** What an NPS read needs: the first counters of a survey row. */
    static final int NPS_COUNTERS = Layout.prefix(Family.NPS,
            List.of(Survey.N, Survey.PROMOTERS, Survey.PASSIVES, Survey.DETRACTORS));
    /** What FRT in calendar seconds needs: its count and sum, the first of a ticket row's counters. */
    static final int FRT_COUNTERS = Layout.prefix(Family.TICKET, List.of(Clocked.FIRST_REPLY.calendar().n(),
            Clocked.FIRST_REPLY.calendar().sum()));

    private MetricDefinitions() {
    }

    /** A metric read from one family's whole rows. */
    static Summed summed(Family family, Function<State, Value> formula) {
        return summed(with -> with.rollup(family, List.of(), Layout.size(family)), formula);
    }

    static Summed summed(Reads reads, Function<State, Value> formula) {
        return new Summed(reads, (r, s) -> formula.apply(s), false);
    }

    /**
     * Every resolution where it happened, with what reopen rate and first-contact resolution correct at the
     * period's ends (the tickets in flight at {@code from} and at {@code to}), read once per summary.
     */
    static Uni<PeriodSums> resolutionsCorrected(Sums with) {
        MetricRequest r = with.request();
        return Sums.plus(with.rollup(Family.RESOLUTION),
                with.shared("reopenings", () -> with.raw().reopenings(r.tenantId(), with.periods(), with.by(), r.filter())));
    }

    /** Each period as the instant it is read at: open tickets at {@code at} (default the end), backlog at the end. */
    static List<Period> instants(Sums with, boolean at) {
        return with.periods().stream().map(p -> new Period(p.index(), null, at ? instant(with.request(), p) : p.to())).toList();
    }

    /** The instant an instant metric is read at: {@code at} for the whole period, else the end of the period. */
    static java.time.Instant instant(MetricRequest request, Period period) {
        return period.index() == 0 && request.at() != null ? request.at() : period.to();
    }

    /** A duration in the clock the request asks for. */
    static Measure clocked(MetricRequest r, Measure.Clocked duration) {
        return duration.in(r.businessClock());
    }
}
