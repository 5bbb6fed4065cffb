package io.cxmeter.metrics.query;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.cxmeter.metrics.facts.Counters;
import io.cxmeter.metrics.facts.Counters.Survey;
import io.cxmeter.metrics.facts.Family;
import io.cxmeter.metrics.facts.Histogram;
import io.cxmeter.metrics.facts.Measure;
import io.cxmeter.metrics.facts.Measure.Clocked;
import io.cxmeter.metrics.rollup.Layout;
import io.cxmeter.metrics.rollup.RollupReader.Period;
import io.cxmeter.metrics.rollup.State;
import io.smallrye.mutiny.Uni;

/**
 * How each metric of the catalogue ({@link Metric}) is computed, one entry per metric and nowhere else:
 * what it reads for a request's periods and groups, and the formula that makes a value of the sum
 * (docs/metrics.md). {@link MetricsEngine} evaluates any of them alike.
 */
final class MetricDefinitions {

    /** What a metric reads: its sums per period index and group key. */
    @FunctionalInterface
    interface Reads {
        Uni<Map<Integer, Map<String, State>>> sums(Sums with);
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

    private static final int NPS_COUNTERS = Layout.prefix(Family.NPS,
            List.of(Survey.N, Survey.PROMOTERS, Survey.PASSIVES, Survey.DETRACTORS));
    private static final int FRT_COUNTERS = Layout.prefix(Family.TICKET, List.of(Clocked.FIRST_REPLY.calendar().n(),
            Clocked.FIRST_REPLY.calendar().sum()));

    private static final Map<Metric, Definition> DEFINITIONS = new EnumMap<>(Metric.class);

    static {
        define(Metric.NPS, summed(with -> with.rollup(Family.NPS, List.of(), NPS_COUNTERS), Formulas::nps));
        define(Metric.CSAT, summed(Family.CSAT, Formulas::csat));
        define(Metric.CES, summed(Family.CES, Formulas::ces));
        define(Metric.CUSTOM, summed(Family.CUSTOM, Formulas::custom));
        define(Metric.RESPONSE_RATE, summed(Family.INVITATION, Formulas::responseRate));
        define(Metric.IQS, summed(with -> Sums.plus(with.rollup(Family.REVIEW),
                with.raw().reviewSquares(with.request().tenantId(), with.periods(), with.by(), with.request().filter())),
                Formulas::iqs));
        define(Metric.TICKET_VOLUME, summed(Family.TICKET, Formulas::volume));
        define(Metric.BLOCKS, summed(Family.TICKET, Formulas::blocks));
        // FRT in calendar seconds needs only its count and sum, the first of a ticket row's counters.
        define(Metric.FIRST_RESPONSE_TIME, new Summed(with -> with.rollup(Family.TICKET,
                List.of(clocked(with.request(), Clocked.FIRST_REPLY).histogram()),
                with.request().businessClock() ? Layout.size(Family.TICKET) : FRT_COUNTERS),
                (r, s) -> Formulas.duration(s, clocked(r, Clocked.FIRST_REPLY)), false));
        define(Metric.ASA, summed(Family.TICKET, s -> Formulas.mean(s, Measure.ASA)));
        define(Metric.AHT, summed(Family.TICKET, s -> Formulas.mean(s, Measure.AHT)));
        define(Metric.SERVICE_LEVEL, new Summed(
                with -> with.rollup(Family.TICKET, List.of(Histogram.SL_ANSWERED, Histogram.SL_ABANDONED), Layout.size(Family.TICKET)),
                (r, s) -> Formulas.serviceLevel(s, r.threshold(), r.shortAbandonSeconds()), false));
        // The lasting resolutions are rolled up; one reopened later counts in periods that end before that.
        define(Metric.RESOLUTION_TIME, new Summed(with -> Sums.plus(
                with.rollup(Family.TICKET, List.of(clocked(with.request(), Clocked.RESOLUTION).histogram()), Layout.size(Family.TICKET)),
                with.raw().reopenedResolutions(with.request().tenantId(), with.periods(), with.by(), with.request().filter(),
                        with.request().businessClock())),
                (r, s) -> Formulas.duration(s, clocked(r, Clocked.RESOLUTION)), false));
        define(Metric.NEXT_REPLY_TIME, new Summed(
                with -> with.rollup(Family.NEXT_REPLY, List.of(clocked(with.request(), Clocked.NEXT_REPLY).histogram()),
                        Layout.size(Family.NEXT_REPLY)),
                (r, s) -> Formulas.duration(s, clocked(r, Clocked.NEXT_REPLY)), false));
        define(Metric.REOPEN_RATE, summed(MetricDefinitions::resolutionsCorrected, Formulas::reopenRate));
        define(Metric.FIRST_CONTACT_RESOLUTION, summed(MetricDefinitions::resolutionsCorrected,
                Formulas::firstContactResolution));
        define(Metric.SLA_ACHIEVEMENT, summed(Family.SLA, Formulas::slaAchievement));
        define(Metric.RESOLUTION_RATE, summed(with -> Sums.plus(with.rollup(Family.ASSIGNMENT),
                with.raw().resolvedAtEndCorrection(with.request().tenantId(), with.periods(), with.by(), with.request().filter())),
                Formulas::resolutionRate));
        define(Metric.OPEN_TICKETS, new Summed(with -> with.rollupAt(Family.TICKET_STATE, instants(with, true)),
                (r, s) -> Formulas.count(s.count(Counters.TicketState.WAITING), Map.of()), true));
        define(Metric.BACKLOG, summed(with -> with.rollupAt(Family.TICKET_STATE, instants(with, false)),
                s -> Formulas.count(s.count(Counters.TicketState.UNRESOLVED), Map.of())));
        define(Metric.RECOVERY_RATE, new Summed(with -> with.raw().recoveries(with.request().tenantId(), with.periods(),
                with.by(), with.request().filter(), with.request().windowDays()), Formulas::recoveryRate, false));
        define(Metric.CHURN_RATE, new OfCustomers(CustomerNumbers::churnRate, false, false));
        define(Metric.RETENTION_RATE, new OfCustomers(CustomerNumbers::retentionRate, false, false));
        define(Metric.REFERRAL_RATE, new OfCustomers(CustomerNumbers::referralRate, false, false));
        define(Metric.ENGAGEMENT, new OfCustomers(CustomerNumbers::engagement, true, false));
        define(Metric.CLV, new OfCustomers(CustomerNumbers::clv, false, true));
        for (Metric metric : Metric.values()) {
            if (!DEFINITIONS.containsKey(metric)) {
                throw new IllegalStateException(metric + " has no definition");
            }
        }
    }

    private MetricDefinitions() {
    }

    static Definition of(Metric metric) {
        return DEFINITIONS.get(metric);
    }

    private static void define(Metric metric, Definition definition) {
        DEFINITIONS.put(metric, definition);
    }

    /** A metric read from one family's whole rows. */
    private static Summed summed(Family family, Function<State, Value> formula) {
        return summed(with -> with.rollup(family, List.of(), Layout.size(family)), formula);
    }

    private static Summed summed(Reads reads, Function<State, Value> formula) {
        return new Summed(reads, (r, s) -> formula.apply(s), false);
    }

    /**
     * Every resolution where it happened, with what reopen rate and first-contact resolution correct at the
     * period's ends (the tickets in flight at {@code from} and at {@code to}), read once per summary.
     */
    private static Uni<Map<Integer, Map<String, State>>> resolutionsCorrected(Sums with) {
        MetricRequest r = with.request();
        return Sums.plus(with.rollup(Family.RESOLUTION),
                with.shared("reopenings", () -> with.raw().reopenings(r.tenantId(), with.periods(), with.by(), r.filter())));
    }

    /** Each period as the instant it is read at: open tickets at {@code at} (default the end), backlog at the end. */
    private static List<Period> instants(Sums with, boolean at) {
        return with.periods().stream().map(p -> new Period(p.index(), null, at ? instant(with.request(), p) : p.to())).toList();
    }

    /** The instant an instant metric is read at: {@code at} for the whole period, else the end of the period. */
    static java.time.Instant instant(MetricRequest request, Period period) {
        return period.index() == 0 && request.at() != null ? request.at() : period.to();
    }

    /** A duration in the clock the request asks for. */
    private static Measure clocked(MetricRequest r, Measure.Clocked duration) {
        return duration.in(r.businessClock());
    }
}
