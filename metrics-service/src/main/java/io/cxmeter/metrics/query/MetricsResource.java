package io.cxmeter.metrics.query;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.cxmeter.internalauth.Caller;
import io.cxmeter.metrics.events.Zones;
import io.cxmeter.metrics.facts.Dimension;
import io.cxmeter.metrics.facts.Filter;
import io.cxmeter.problem.ProblemException;
import io.cxmeter.problem.QueryParameters;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/metrics")
@Tag(name = "Metrics",
        description = "Every metric of docs/metrics.md over any period: values with sample sizes and margins of error, groups, series, the catalogue and how fresh the data is")
public class MetricsResource {

    private static final Duration DEFAULT_PERIOD = Duration.ofDays(30);
    private static final int MAX_SECONDS_PARAMETER = 3600;

    /** One entry of the catalogue; {@code documentation} is its section of the product's metric definitions. */
    public record Definition(String id, String title, String formula, List<String> parameters, List<String> groupBy,
            String documentation) {
    }

    /** All metrics of one period, for dashboards. */
    public record Summary(Instant from, Instant to, Map<String, MetricResult> metrics) {
    }

    @Inject
    Caller caller;

    @Inject
    MetricsEngine engine;

    @Inject
    SlaAtRisk atRisk;

    @GET
    @Operation(operationId = "listMetrics", summary = "The catalogue: every metric with its formula, parameters and dimensions")
    public List<Definition> catalogue() {
        return Arrays.stream(Metric.values()).map(m -> new Definition(m.id(), m.title(), m.formula(), m.parameters(),
                m.dimensions().stream().map(Dimension::wire).toList(), m.documentation())).toList();
    }

    @GET
    @Path("/summary")
    @Operation(operationId = "getMetricsSummary", summary = "Every metric over one period, optionally each as a series (no groups); "
            + "with filters, every metric that can be filtered by each dimension named")
    @APIResponse(responseCode = "200", description = "Each metric's value over the period, by metric id")
    @APIResponse(responseCode = "400", description = "A bad period")
    public Uni<Summary> summary(
            @Parameter(description = "Start of the period (ISO-8601 instant); default: 30 days before `to`",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("from") String from,
            @Parameter(description = "End of the period, excluded; default: now",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("to") String to,
            @Parameter(description = "Each metric also as a series of buckets of this length, in the tenant's time zone")
            @QueryParam("interval") String interval,
            @Parameter(description = "previous: each value also over the equally long period just before, with the change")
            @QueryParam("compare") String compare,
            @BeanParam FilterParameters filters) {
        Instant end = QueryParameters.instant("to", to, Instant.now());
        Instant start = QueryParameters.instant("from", from, end.minus(DEFAULT_PERIOD));
        Filter filter = filters.filter();
        MetricRequest base = request(Metric.NPS, start, end, null, null, interval, null, null, null, null, null, filter)
                .sharingReads();
        MetricRequest before = comparing(compare) ? base.previousPeriod() : null;
        // Filtered, the summary answers the metrics whose facts carry every dimension named.
        List<Metric> answered = Arrays.stream(Metric.values()).filter(m -> m.filters().containsAll(filter.dimensions())).toList();
        return Multi.createFrom().iterable(answered)
                .onItem().transformToUniAndMerge(metric -> compute(base.withMetric(metric),
                        before == null ? null : before.withMetric(metric))
                        .map(result -> LowSamples.mark(result, metric, LowSamples.DEFAULT_MIN_SAMPLE)))
                .collect().asList()
                .map(results -> {
                    Map<String, MetricResult> byId = new LinkedHashMap<>();
                    for (Metric metric : answered) {
                        results.stream().filter(r -> r.metric().equals(metric.id())).findFirst()
                                .ifPresent(r -> byId.put(metric.id(), r));
                    }
                    return new Summary(start, end, byId);
                });
    }

    @GET
    @Path("/sla-at-risk")
    @Operation(operationId = "listSlaAtRisk", summary = "Open SLA targets (first reply, next reply, resolution) that breach "
            + "within `within` seconds of now, soonest first (at most " + SlaAtRisk.LIMIT + ")")
    @APIResponse(responseCode = "200", description = "The targets at risk")
    @APIResponse(responseCode = "400", description = "A bad parameter")
    public Uni<List<SlaAtRisk.Item>> slaAtRisk(
            @Parameter(description = "Seconds from now, default 3600, at most 30 days",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "2592000")) @QueryParam("within") String within) {
        int seconds = wholeNumber(within, 3600, 1, 30 * 86_400, "within must be whole seconds from 1 to 2592000");
        return atRisk.within(caller.tenantId(), Instant.now(), seconds);
    }

    @GET
    @Path("/{metric}")
    @Operation(operationId = "getMetric", summary = "One metric over a period, optionally grouped and as a series (docs/metrics.md defines each)")
    @APIResponse(responseCode = "200", description = "The metric; value null over an empty set")
    @APIResponse(responseCode = "400", description = "A bad parameter")
    @APIResponse(responseCode = "404", description = "No such metric")
    public Uni<MetricResult> metric(@Context UriInfo uri,
            @Parameter(description = "The metric's id (GET /api/v1/metrics lists them)") @PathParam("metric") String id,
            @Parameter(description = "Start of the period (ISO-8601 instant); default: 30 days before `to`",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("from") String from,
            @Parameter(description = "End of the period, excluded; default: now",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("to") String to,
            @Parameter(description = "The dimension to break the value down by") @QueryParam("groupBy") String groupBy,
            @Parameter(description = "A series of buckets of this length, in the tenant's time zone") @QueryParam("interval") String interval,
            @Parameter(description = "Open tickets: the instant; default `to`",
                    schema = @Schema(type = SchemaType.STRING, format = "date-time")) @QueryParam("at") String at,
            @Parameter(description = "Service level: the answer-time target in seconds, default 20",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("threshold") String threshold,
            @Parameter(description = "Service level: calls abandoned within this many seconds are left out, default 5",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "0")) @QueryParam("shortAbandonSeconds") String shortAbandon,
            @Parameter(description = "Survey metrics: one survey",
                    schema = @Schema(type = SchemaType.STRING, format = "uuid")) @QueryParam("surveyId") String surveyId,
            @Parameter(description = "previous: the total and each group also over the equally long period just before, with the change")
            @QueryParam("compare") String compare,
            @Parameter(description = "Survey and review metrics: values resting on fewer answers or reviews say lowSample, default 30",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1")) @QueryParam("minSample") String minSample,
            @Parameter(description = "Recovery rate: how many days after a follow-up's resolution the customer's next answer counts, default 90",
                    schema = @Schema(type = SchemaType.INTEGER, minimum = "1", maximum = "365")) @QueryParam("windowDays") String windowDays,
            @Parameter(description = "Durations (FRT, resolution time, next-reply time): calendar seconds (default) or business "
                    + "seconds of the ticket's team's business hours, else the tenant's",
                    schema = @Schema(enumeration = {"calendar", "business"})) @QueryParam("clock") String clock,
            @BeanParam FilterParameters filters) {
        Metric metric = Metric.byId(id).orElseThrow(() -> ProblemException.notFound("No metric '" + id + "'; metrics are "
                + Arrays.stream(Metric.values()).map(Metric::id).collect(Collectors.joining(", "))));
        for (String name : uri.getQueryParameters().keySet()) {
            if (!metric.parameters().contains(name) && FILTERS.contains(name)) {
                throw ProblemException.badRequest(metric.id() + " cannot be filtered by " + name + "; " + metric.filterable());
            }
            if (!metric.parameters().contains(name)) {
                throw ProblemException.badRequest("Unknown parameter '" + name + "': " + metric.id() + " takes "
                        + String.join(", ", metric.parameters()));
            }
        }
        Instant end = QueryParameters.instant("to", to, Instant.now());
        Instant start = QueryParameters.instant("from", from, end.minus(DEFAULT_PERIOD));
        MetricRequest request = request(metric, start, end, at, groupBy, interval, threshold, shortAbandon, surveyId,
                windowDays, clock, filters.filter());
        int smallest = minSample(minSample);
        return compute(request, comparing(compare) ? request.previousPeriod() : null)
                .map(result -> LowSamples.mark(result, metric, smallest));
    }

    /** The request's answer, compared with {@code previous}'s when there is one. */
    private Uni<MetricResult> compute(MetricRequest request, MetricRequest previous) {
        if (previous == null) {
            return engine.compute(request);
        }
        return Uni.combine().all().unis(engine.compute(request), engine.compute(previous)).with(Comparisons::attach);
    }

    private static int minSample(String value) {
        return wholeNumber(value, LowSamples.DEFAULT_MIN_SAMPLE, 1, 1_000_000, "minSample must be a whole number from 1 to 1000000");
    }

    private static boolean comparing(String compare) {
        if (compare == null || compare.isBlank()) {
            return false;
        }
        if (!compare.equals("previous")) {
            throw ProblemException.badRequest("compare must be previous (the equally long period just before from)");
        }
        return true;
    }

    private MetricRequest request(Metric metric, Instant from, Instant to, String at, String groupBy, String interval,
            String threshold, String shortAbandon, String surveyId, String windowDays, String clock, Filter filter) {
        if (!from.isBefore(to)) {
            throw ProblemException.badRequest("from must be before to (the period is [from, to))");
        }
        Dimension dimension = null;
        if (groupBy != null && !groupBy.isBlank()) {
            dimension = parse(() -> Dimension.fromWire(groupBy));
            if (!metric.dimensions().contains(dimension)) {
                throw ProblemException.badRequest(metric.id() + " cannot be grouped by " + groupBy + "; " + carried(metric));
            }
        }
        if (surveyId != null && !metric.parameters().contains("surveyId")) {
            throw ProblemException.badRequest("surveyId applies to survey metrics only");
        }
        if (at != null && !metric.parameters().contains("at")) {
            throw ProblemException.badRequest("at applies to metrics at an instant (open-tickets); others use [from, to)");
        }
        return new MetricRequest(caller.tenantId(), Zones.of(caller.get().timeZone()), metric, from, to,
                at == null ? null : QueryParameters.instant("at", at, null), dimension,
                interval == null || interval.isBlank() ? null : Interval.fromWire(interval),
                surveyId == null || surveyId.isBlank() ? null : surveyId,
                seconds("threshold", threshold, MetricRequest.DEFAULT_THRESHOLD),
                seconds("shortAbandonSeconds", shortAbandon, MetricRequest.DEFAULT_SHORT_ABANDON),
                days(windowDays), business(clock), filter);
    }

    /** The filter parameters: one per dimension but survey (surveyId names a survey). */
    private static final Set<String> FILTERS = Arrays.stream(Dimension.values()).filter(d -> d != Dimension.SURVEY)
            .map(Dimension::wire).collect(Collectors.toUnmodifiableSet());

    private static String carried(Metric metric) {
        return "its facts carry " + (metric.dimensions().isEmpty() ? "no dimension"
                : metric.dimensions().stream().map(Dimension::wire).collect(Collectors.joining(", ")));
    }

    private static boolean business(String clock) {
        if (clock == null || clock.isBlank() || clock.equals("calendar")) {
            return false;
        }
        if (!clock.equals("business")) {
            throw ProblemException.badRequest("clock must be calendar or business");
        }
        return true;
    }

    private static int seconds(String name, String value, int fallback) {
        return wholeNumber(value, fallback, 0, MAX_SECONDS_PARAMETER,
                name + " must be whole seconds from 0 to " + MAX_SECONDS_PARAMETER);
    }

    private static int days(String value) {
        return wholeNumber(value, MetricRequest.DEFAULT_WINDOW_DAYS, 1, 365, "windowDays must be whole days from 1 to 365");
    }

    /** A whole-number parameter: {@code fallback} when absent, else a value in [min, max] or a 400 saying {@code rule}. */
    private static int wholeNumber(String value, int fallback, int min, int max, String rule) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.badRequest(rule);
    }

    private static <T> T parse(java.util.function.Supplier<T> parser) {
        try {
            return parser.get();
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest(e.getMessage());
        }
    }
}
