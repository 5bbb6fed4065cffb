package io.cxmeter.metrics.alerts;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.cxmeter.metrics.facts.Dimension;
import io.cxmeter.metrics.facts.Filter;
import io.cxmeter.metrics.query.Metric;
import io.cxmeter.problem.Problem;
import io.cxmeter.problem.ProblemException;

/**
 * A tenant's rule on a metric: the metric's {@code statistic} over the last {@code window} (its total,
 * or each group of {@code groupBy}, or only the {@code groups} named; durations in business seconds
 * with {@code businessClock}; of the facts {@code filter} keeps), crossing {@code threshold} in the rule's
 * direction with at least {@code minSample} facts behind it for {@code holdFor}, fires; back past
 * {@code recoverAt}, it resolves.
 */
public record AlertRule(UUID id, String tenantId, String name, Metric metric, String statistic, Dimension groupBy,
        List<String> groups, String surveyId, boolean businessClock, Filter filter, Duration window, Condition condition,
        double threshold, double recoverAt, int minSample, Duration holdFor, List<String> recipients, boolean enabled, String zone,
        Instant createdAt, Instant updatedAt) {

    public static final Duration SHORTEST_WINDOW = Duration.ofMinutes(5);
    public static final Duration LONGEST_WINDOW = Duration.ofDays(366);
    public static final Duration LONGEST_HOLD = Duration.ofDays(7);
    public static final int MOST_RECIPIENTS = 20;
    public static final int MOST_GROUPS = 50;
    private static final Pattern ADDRESS = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,255}");

    /** Which way the value goes wrong. */
    public enum Condition {
        BELOW, ABOVE;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** A rule as the tenant writes it (PUT and POST take the whole rule). */
    public record Request(String name, String metric, String statistic, String groupBy, List<String> groups, String surveyId,
            String clock, Map<String, List<String>> filters, String window,
            String condition, Double threshold, Double recoverAt, Integer minSample, @JsonProperty("for") String holdFor,
            List<String> recipients, Boolean enabled) {

        /** The rule this request makes, or a 400 naming every field that is wrong (and nothing changed). */
        public AlertRule toRule(UUID id, String tenantId, String zone, Instant createdAt, Instant now) {
            List<Problem.Violation> errors = new ArrayList<>();
            if (name == null || name.isBlank() || name.length() > 200) {
                errors.add(Problem.Violation.ofField("name", "is required, at most 200 characters"));
            }
            Metric parsedMetric = metric == null ? null : Metric.byId(metric).orElse(null);
            if (parsedMetric == null) {
                errors.add(Problem.Violation.ofField("metric", "must be one of the catalogue's metric ids (GET /api/v1/metrics)"));
            }
            String parsedStatistic = statistic == null || statistic.isBlank() ? "value" : statistic;
            if (parsedMetric != null && !parsedMetric.statistics().contains(parsedStatistic)) {
                errors.add(Problem.Violation.ofField("statistic", "must be one of " + String.join(", ", parsedMetric.statistics())
                        + " for " + parsedMetric.id()));
            }
            Dimension dimension = null;
            if (groupBy != null && !groupBy.isBlank()) {
                try {
                    dimension = Dimension.fromWire(groupBy);
                } catch (IllegalArgumentException e) {
                    errors.add(Problem.Violation.ofField("groupBy", e.getMessage()));
                }
                if (dimension != null && parsedMetric != null && !parsedMetric.dimensions().contains(dimension)) {
                    errors.add(Problem.Violation.ofField("groupBy", parsedMetric.id() + " cannot be grouped by " + groupBy));
                }
            }
            List<String> watched = groups == null ? List.of() : groups;
            if (!watched.isEmpty() && dimension == null) {
                errors.add(Problem.Violation.ofField("groups", "needs groupBy: the groups are values of that dimension"));
            }
            if (watched.size() > MOST_GROUPS) {
                errors.add(Problem.Violation.ofField("groups", "at most " + MOST_GROUPS + " groups"));
            }
            for (int i = 0; i < watched.size(); i++) {
                if (watched.get(i) == null || watched.get(i).isBlank() || watched.get(i).length() > 200) {
                    errors.add(Problem.Violation.ofField("groups[" + i + "]", "must be a group's key, 1 to 200 characters"));
                }
            }
            String survey = surveyId == null || surveyId.isBlank() ? null : surveyId;
            if (survey != null && parsedMetric != null && !parsedMetric.parameters().contains("surveyId")) {
                errors.add(Problem.Violation.ofField("surveyId", "applies to survey metrics only"));
            }
            boolean business = "business".equals(clock);
            if (clock != null && !clock.isBlank() && !business && !clock.equals("calendar")) {
                errors.add(Problem.Violation.ofField("clock", "must be calendar or business"));
            }
            if (business && parsedMetric != null && !parsedMetric.parameters().contains("clock")) {
                errors.add(Problem.Violation.ofField("clock", "applies to durations only (first-response-time, "
                        + "next-reply-time, resolution-time)"));
            }
            Filter filter = filter(parsedMetric, filters, errors);
            Duration parsedWindow = duration(window == null || window.isBlank() ? "P7D" : window, "window", SHORTEST_WINDOW,
                    LONGEST_WINDOW, errors);
            Condition parsedCondition = null;
            try {
                parsedCondition = condition == null ? null : Condition.valueOf(condition.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                // named below
            }
            if (parsedCondition == null) {
                errors.add(Problem.Violation.ofField("condition", "must be below or above"));
            }
            if (threshold == null || threshold.isNaN() || threshold.isInfinite()) {
                errors.add(Problem.Violation.ofField("threshold", "is required, a number on the statistic's scale"));
            }
            double recovery = recoverAt == null && threshold != null ? threshold : recoverAt == null ? 0 : recoverAt;
            if (threshold != null && parsedCondition != null && recoverAt != null
                    && (parsedCondition == Condition.BELOW ? recoverAt < threshold : recoverAt > threshold)) {
                errors.add(Problem.Violation.ofField("recoverAt", "must be on the safe side of the threshold ("
                        + (parsedCondition == Condition.BELOW ? "at or above " : "at or below ") + threshold + ")"));
            }
            int sample = minSample == null ? 1 : minSample;
            if (sample < 1 || sample > 1_000_000) {
                errors.add(Problem.Violation.ofField("minSample", "must be a whole number from 1 to 1000000"));
            }
            Duration hold = duration(holdFor == null || holdFor.isBlank() ? "PT0S" : holdFor, "for", Duration.ZERO, LONGEST_HOLD,
                    errors);
            List<String> addresses = recipients == null ? List.of() : recipients;
            if (addresses.size() > MOST_RECIPIENTS) {
                errors.add(Problem.Violation.ofField("recipients", "at most " + MOST_RECIPIENTS + " addresses"));
            }
            for (int i = 0; i < addresses.size(); i++) {
                if (addresses.get(i) == null || !ADDRESS.matcher(addresses.get(i)).matches()) {
                    errors.add(Problem.Violation.ofField("recipients[" + i + "]", "is not an e-mail address"));
                }
            }
            if (!errors.isEmpty()) {
                throw new ProblemException(400, "The alert rule is not valid; nothing was changed", errors);
            }
            return new AlertRule(id, tenantId, name.strip(), parsedMetric, parsedStatistic, dimension,
                    watched.stream().distinct().toList(), survey, business, filter, parsedWindow,
                    parsedCondition, threshold, recovery, sample, hold, List.copyOf(addresses), enabled == null || enabled, zone,
                    createdAt, now);
        }

        /** The facts the rule watches: values per dimension the metric can be filtered by (docs/metrics.md#filters). */
        private static Filter filter(Metric metric, Map<String, List<String>> filters, List<Problem.Violation> errors) {
            if (filters == null || filters.isEmpty()) {
                return Filter.NONE;
            }
            Map<Dimension, List<String>> kept = new EnumMap<>(Dimension.class);
            filters.forEach((name, values) -> {
                Dimension dimension = metric == null ? null : metric.filters().stream()
                        .filter(d -> d.wire().equals(name)).findFirst().orElse(null);
                if (metric != null && dimension == null) {
                    errors.add(Problem.Violation.ofField("filters." + name, metric.id() + " cannot be filtered by " + name + "; "
                            + metric.filterable()));
                    return;
                }
                List<String> named = values == null ? List.of() : values;
                if (named.isEmpty() || named.size() > MOST_GROUPS) {
                    errors.add(Problem.Violation.ofField("filters." + name, "must name 1 to " + MOST_GROUPS + " values"));
                }
                for (int i = 0; i < named.size(); i++) {
                    if (named.get(i) == null || named.get(i).isBlank() || named.get(i).length() > 200) {
                        errors.add(Problem.Violation.ofField("filters." + name + "[" + i + "]", "must be a value, 1 to 200 characters"));
                    }
                }
                if (dimension != null) {
                    kept.put(dimension, named);
                }
            });
            return errors.isEmpty() ? Filter.of(kept) : Filter.NONE;
        }

        private static Duration duration(String text, String field, Duration shortest, Duration longest,
                List<Problem.Violation> errors) {
            try {
                Duration parsed = Duration.parse(text);
                if (parsed.compareTo(shortest) >= 0 && parsed.compareTo(longest) <= 0) {
                    return parsed;
                }
            } catch (DateTimeParseException e) {
                // named below
            }
            errors.add(Problem.Violation.ofField(field, "must be an ISO-8601 duration from " + shortest + " to " + longest));
            return null;
        }
    }

    /** ISO-8601 as a person writes it: whole days as days ({@code P7D}, not {@code PT168H}). */
    public static String iso(Duration duration) {
        return !duration.isZero() && duration.toSeconds() % 86400 == 0 ? "P" + duration.toDays() + "D" : duration.toString();
    }

    /** A rule as the API shows it. */
    public record View(UUID id, String name, String metric, String statistic, String groupBy, List<String> groups, String surveyId,
            String clock, Map<String, List<String>> filters, String window, String condition, double threshold, double recoverAt, int minSample,
            @JsonProperty("for") String holdFor, List<String> recipients, boolean enabled, Instant createdAt, Instant updatedAt,
            List<Watched> states) {
    }

    /** Where the rule's total ({@code group} null) or one group stands. */
    public record Watched(String group, String status, Instant since, Double value, long sample) {
    }

    public View view(List<Watched> states) {
        return new View(id, name, metric.id(), statistic, groupBy == null ? null : groupBy.wire(), groups, surveyId,
                businessClock ? "business" : "calendar", filter.byName(), iso(window),
                condition.wire(), threshold, recoverAt, minSample, iso(holdFor), recipients, enabled, createdAt, updatedAt,
                states);
    }
}
