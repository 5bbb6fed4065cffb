package io.cxmeter.metrics.query;

import static io.cxmeter.metrics.query.MetricDefinitions.FRT_COUNTERS;
import static io.cxmeter.metrics.query.MetricDefinitions.NPS_COUNTERS;
import static io.cxmeter.metrics.query.MetricDefinitions.clocked;
import static io.cxmeter.metrics.query.MetricDefinitions.instants;
import static io.cxmeter.metrics.query.MetricDefinitions.summed;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import io.cxmeter.metrics.facts.Counters;
import io.cxmeter.metrics.facts.Dimension;
import io.cxmeter.metrics.facts.Family;
import io.cxmeter.metrics.facts.Histogram;
import io.cxmeter.metrics.facts.Measure;
import io.cxmeter.metrics.facts.Measure.Clocked;
import io.cxmeter.metrics.query.MetricDefinitions.Definition;
import io.cxmeter.metrics.query.MetricDefinitions.OfCustomers;
import io.cxmeter.metrics.query.MetricDefinitions.Summed;
import io.cxmeter.metrics.rollup.Layout;

/**
 * Every metric of docs/metrics.md, each in one place: its id in the API, its title, its kind (which
 * decides its dimensions and common parameters), the formula as the catalogue states it, how it is
 * computed ({@link MetricDefinitions}: what it reads and the formula of {@link Formulas} that makes a
 * value of the sum), and what else it takes and answers. {@link MetricsEngine} evaluates any of them alike.
 */
public enum Metric {
    NPS("nps", "Net Promoter Score", Kind.SURVEY,
            "100 * (promoters (9-10) - detractors (0-6)) / responses, with the 95 % margin of error",
            summed(with -> with.rollup(Family.NPS, List.of(), NPS_COUNTERS), Formulas::nps)),
    CSAT("csat", "Customer satisfaction", Kind.SURVEY, "100 * responses with score >= positiveFrom / responses",
            summed(Family.CSAT, Formulas::csat), Extras.statistics("meanScore")),
    CES("ces", "Customer effort score", Kind.SURVEY,
            "sum of scores / responses (one scale only); easyPercent = 100 * positive / responses",
            summed(Family.CES, Formulas::ces), Extras.statistics("easyPercent")),
    CUSTOM("custom", "Custom question", Kind.SURVEY,
            "mean score of CUSTOM survey responses (one scale: name the survey with surveyId)",
            summed(Family.CUSTOM, Formulas::custom)),
    RESPONSE_RATE("response-rate", "Response rate", Kind.INVITATION, "100 * answered invitations / invitations sent in the period",
            summed(Family.INVITATION, Formulas::responseRate)),
    IQS("iqs", "Internal quality score", Kind.REVIEW, "mean review score of reviews created in the period",
            summed(with -> Sums.plus(with.rollup(Family.REVIEW), with.raw().reviewSquares(with.request().tenantId(),
                    with.periods(), with.by(), with.request().filter())), Formulas::iqs)),
    TICKET_VOLUME("ticket-volume", "Ticket volume", Kind.TICKET, "tickets created in the period (group by channel for volume by channel)",
            summed(Family.TICKET, Formulas::volume)),
    OPEN_TICKETS("open-tickets", "Open tickets", Kind.TICKET_INSTANT, "tickets created before `at` whose status at `at` is new or open",
            new Summed(with -> with.rollupAt(Family.TICKET_STATE, instants(with, true)),
                    (r, s) -> Formulas.count(s.count(Counters.TicketState.WAITING), Map.of()), true),
            Extras.parameters("at")),
    BACKLOG("backlog", "Ticket backlog", Kind.TICKET_INSTANT, "tickets created before `to` not resolved at `to`",
            summed(with -> with.rollupAt(Family.TICKET_STATE, instants(with, false)),
                    s -> Formulas.count(s.count(Counters.TicketState.UNRESOLVED), Map.of()))),
    FIRST_RESPONSE_TIME("first-response-time", "First response time", Kind.TICKET,
            "mean of firstReplyAt - createdAt for first public agent replies in the period; median, p90",
            // In calendar seconds it needs only its count and sum, the first of a ticket row's counters.
            new Summed(with -> with.rollup(Family.TICKET, List.of(clocked(with.request(), Clocked.FIRST_REPLY).histogram()),
                    with.request().businessClock() ? Layout.size(Family.TICKET) : FRT_COUNTERS),
                    (r, s) -> Formulas.duration(s, clocked(r, Clocked.FIRST_REPLY)), false),
            Extras.DURATION),
    RESOLUTION_TIME("resolution-time", "Average resolution time", Kind.TICKET,
            "mean of resolvedAt - createdAt, resolvedAt the latest resolution before `to`, for tickets whose resolvedAt is in"
                    + " the period and still resolved at `to`; median, p90",
            // The lasting resolutions are rolled up; one reopened later counts in periods that end before that.
            new Summed(with -> Sums.plus(
                    with.rollup(Family.TICKET, List.of(clocked(with.request(), Clocked.RESOLUTION).histogram()),
                            Layout.size(Family.TICKET)),
                    with.raw().reopenedResolutions(with.request().tenantId(), with.periods(), with.by(), with.request().filter(),
                            with.request().businessClock())),
                    (r, s) -> Formulas.duration(s, clocked(r, Clocked.RESOLUTION)), false),
            Extras.DURATION),
    NEXT_REPLY_TIME("next-reply-time", "Next-reply time", Kind.TICKET,
            "mean of closedAt - openedAt of waits for the next agent reply (opened by a customer reply after the first agent"
                    + " reply) closed in the period; median, p90",
            new Summed(with -> with.rollup(Family.NEXT_REPLY, List.of(clocked(with.request(), Clocked.NEXT_REPLY).histogram()),
                    Layout.size(Family.NEXT_REPLY)), (r, s) -> Formulas.duration(s, clocked(r, Clocked.NEXT_REPLY)), false),
            Extras.DURATION),
    REOPEN_RATE("reopen-rate", "Reopen rate", Kind.TICKET,
            "100 * tickets resolved in the period and reopened before `to` / tickets resolved in the period",
            summed(MetricDefinitions::resolutionsCorrected, Formulas::reopenRate)),
    FIRST_CONTACT_RESOLUTION("first-contact-resolution", "First-contact resolution", Kind.TICKET,
            "100 * tickets first resolved in the period after exactly one agent reply and not reopened before `to` / tickets"
                    + " first resolved in the period",
            summed(MetricDefinitions::resolutionsCorrected, Formulas::firstContactResolution)),
    SLA_ACHIEVEMENT("sla-achievement", "SLA achievement", Kind.TICKET,
            "100 * SLA target instances met / instances decided (met or breached) in the period; per target: firstReply,"
                    + " nextReply, resolution",
            summed(Family.SLA, Formulas::slaAchievement)),
    RESOLUTION_RATE("resolution-rate", "Resolution rate", Kind.TICKET,
            "100 * tickets first assigned in the period and resolved at `to` / tickets first assigned in the period",
            summed(with -> Sums.plus(with.rollup(Family.ASSIGNMENT), with.raw().resolvedAtEndCorrection(
                    with.request().tenantId(), with.periods(), with.by(), with.request().filter())), Formulas::resolutionRate)),
    ASA("asa", "Average speed of answer", Kind.TICKET, "mean of answeredAt - queuedAt for call and chat tickets answered in the period",
            summed(Family.TICKET, s -> Formulas.mean(s, Measure.ASA))),
    SERVICE_LEVEL("service-level", "Service level", Kind.TICKET,
            "100 * offered call/chat tickets answered within `threshold` s / offered (queued in the period, minus those"
                    + " abandoned within `shortAbandonSeconds`)",
            new Summed(with -> with.rollup(Family.TICKET, List.of(Histogram.SL_ANSWERED, Histogram.SL_ABANDONED),
                    Layout.size(Family.TICKET)), (r, s) -> Formulas.serviceLevel(s, r.threshold(), r.shortAbandonSeconds()), false),
            Extras.parameters("threshold", "shortAbandonSeconds")),
    BLOCKS("blocks", "Blocked calls", Kind.TICKET, "call tickets with outcome blocked created in the period; blockRate = 100 * blocked / calls",
            summed(Family.TICKET, Formulas::blocks), Extras.statistics("blockRate")),
    AHT("aht", "Average handle time", Kind.TICKET, "mean of talk + hold + wrap-up seconds of contacts ended in the period",
            summed(Family.TICKET, s -> Formulas.mean(s, Measure.AHT))),
    CHURN_RATE("churn-rate", "Churn rate", Kind.CUSTOMER,
            "100 * customers active at `from` who churned in the period / customers active at `from`",
            new OfCustomers(CustomerNumbers::churnRate, false, false)),
    RETENTION_RATE("retention-rate", "Retention rate", Kind.CUSTOMER,
            "100 * (customers active at `to` - new customers) / customers active at `from`",
            new OfCustomers(CustomerNumbers::retentionRate, false, false)),
    REFERRAL_RATE("referral-rate", "Referral rate", Kind.CUSTOMER, "100 * new customers acquired by referral / new customers",
            new OfCustomers(CustomerNumbers::referralRate, false, false)),
    ENGAGEMENT("engagement", "Customer engagement", Kind.CUSTOMER,
            "interactions (tickets, survey responses, engagement events) of customers active in the period / those customers",
            new OfCustomers(CustomerNumbers::engagement, true, false)),
    CLV("clv", "Customer lifetime value", Kind.CUSTOMER,
            "yearly value per customer ((revenue / purchasing customers) * 365 / days) / yearly churn ((churn rate / 100) * 365"
                    + " / days)",
            new OfCustomers(CustomerNumbers::clv, false, true)),
    RECOVERY_RATE("recovery-rate", "Recovery rate", Kind.FOLLOW_UP,
            "100 * customers whose next answer after their negative answer's follow-up was resolved is positive (within"
                    + " windowDays, default 90) / customers followed up whose window closed or who answered",
            new Summed(with -> with.raw().recoveries(with.request().tenantId(), with.periods(), with.by(),
                    with.request().filter(), with.request().windowDays()), Formulas::recoveryRate, false),
            Extras.parameters("windowDays"));

    /** The families of metrics, which decide the dimensions and parameters. */
    public enum Kind {
        SURVEY, INVITATION, REVIEW, TICKET, TICKET_INSTANT, CUSTOMER, FOLLOW_UP
    }

    /**
     * What a metric takes besides the common parameters of its kind, and the numbers of its answer an
     * alert rule can watch besides {@code value}.
     */
    record Extras(List<String> parameters, List<String> statistics) {

        static final Extras NONE = new Extras(List.of(), List.of());
        /** A duration: in the calendar or the business clock, with its median and p90. */
        static final Extras DURATION = new Extras(List.of("clock"), List.of("median", "p90"));

        static Extras parameters(String... parameters) {
            return new Extras(List.of(parameters), List.of());
        }

        static Extras statistics(String... statistics) {
            return new Extras(List.of(), List.of(statistics));
        }
    }

    private final String id;
    private final String title;
    private final Kind kind;
    private final String formula;
    private final Definition definition;
    private final Set<Dimension> dimensions;
    private final Set<Dimension> filters;
    private final List<String> parameters;
    private final List<String> statistics;

    Metric(String id, String title, Kind kind, String formula, Definition definition) {
        this(id, title, kind, formula, definition, Extras.NONE);
    }

    Metric(String id, String title, Kind kind, String formula, Definition definition, Extras extras) {
        this.id = id;
        this.title = title;
        this.kind = kind;
        this.formula = formula;
        this.definition = definition;
        this.dimensions = Collections.unmodifiableSet(dimensions(kind));
        this.filters = Collections.unmodifiableSet(filters(kind, dimensions));
        this.parameters = parameters(kind, dimensions, filters, extras);
        this.statistics = Stream.concat(Stream.of("value"), extras.statistics().stream()).toList();
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public Kind kind() {
        return kind;
    }

    public String formula() {
        return formula;
    }

    /** How it is computed. */
    Definition definition() {
        return definition;
    }

    /** Where the product's metric definitions describe it (an anchor per metric id). */
    public String documentation() {
        return "docs/metrics.md#" + id;
    }

    public Set<Dimension> dimensions() {
        return dimensions;
    }

    /**
     * The dimensions its facts can be filtered by (docs/metrics.md#filters), each a parameter of the same
     * name: those it can be grouped by, but survey, which {@code surveyId} names; a ticket's tags too.
     */
    public Set<Dimension> filters() {
        return filters;
    }

    /** What a refused filter is told: the dimensions the metric can be filtered by. */
    public String filterable() {
        return filters.isEmpty() ? "its facts carry no dimension"
                : "it can be filtered by " + filters.stream().map(Dimension::wire).collect(Collectors.joining(", "));
    }

    /** The query parameters it takes. */
    public List<String> parameters() {
        return parameters;
    }

    /**
     * The numbers of an answer an alert rule can watch: {@code value}, and the details that are numbers
     * on the metric's own scale (percentiles of durations, CSAT's mean score, CES's easy share, the block rate).
     */
    public List<String> statistics() {
        return statistics;
    }

    private static Set<Dimension> dimensions(Kind kind) {
        return switch (kind) {
            case SURVEY, INVITATION -> Dimension.ANSWER_DIMENSIONS;
            case REVIEW -> EnumSet.of(Dimension.AGENT);
            case TICKET, TICKET_INSTANT -> {
                Set<Dimension> ticket = EnumSet.copyOf(Dimension.TICKET_DIMENSIONS);
                ticket.add(Dimension.PRIORITY);
                yield ticket;
            }
            case CUSTOMER -> EnumSet.noneOf(Dimension.class);
            case FOLLOW_UP -> EnumSet.of(Dimension.TEAM, Dimension.AGENT);
        };
    }

    private static Set<Dimension> filters(Kind kind, Set<Dimension> dimensions) {
        Set<Dimension> filters = EnumSet.noneOf(Dimension.class);
        filters.addAll(dimensions);
        filters.remove(Dimension.SURVEY);
        if (kind == Kind.TICKET || kind == Kind.TICKET_INSTANT) {
            filters.add(Dimension.TAG);
        }
        return filters;
    }

    private static List<String> parameters(Kind kind, Set<Dimension> dimensions, Set<Dimension> filters, Extras extras) {
        List<String> parameters = new ArrayList<>(List.of("from", "to", "groupBy", "interval", "compare"));
        filters.forEach(d -> parameters.add(d.wire()));
        if (dimensions.contains(Dimension.SURVEY)) {
            // The survey is the one dimension not filtered by its own name.
            parameters.add("surveyId");
        }
        if (sampled(kind)) {
            parameters.add("minSample");
        }
        parameters.addAll(extras.parameters());
        return List.copyOf(parameters);
    }

    /** Whether the metric rests on answers or reviews: its values say when their sample is small. */
    public boolean sampled() {
        return sampled(kind);
    }

    private static boolean sampled(Kind kind) {
        return kind == Kind.SURVEY || kind == Kind.REVIEW;
    }

    private static final Map<String, Metric> BY_ID = Arrays.stream(values()).collect(Collectors.toMap(Metric::id, Function.identity()));

    public static Optional<Metric> byId(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }
}
