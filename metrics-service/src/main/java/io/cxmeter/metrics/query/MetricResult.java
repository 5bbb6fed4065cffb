package io.cxmeter.metrics.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer of docs/api.md: the value over the period, per group, and per bucket of a series. {@code value}
 * is always there, null over an empty set; {@code at}, {@code groups} and {@code series} only when asked.
 * With {@code compare=previous}, the total and each group also carry {@code previous} (the same over
 * the equally long period just before), {@code change} and, for NPS and CSAT, {@code changeSignificant}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricResult(String metric, Instant from, Instant to, Instant at,
        @JsonInclude(JsonInclude.Include.ALWAYS) Double value, long count,
        Map<String, Object> details, List<Group> groups, List<Point> series, Comparison comparison) {

    public MetricResult(String metric, Instant from, Instant to, Instant at, Double value, long count,
            Map<String, Object> details, List<Group> groups, List<Point> series) {
        this(metric, from, to, at, value, count, details, groups, series, null);
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Group(@JsonInclude(JsonInclude.Include.ALWAYS) String key, @JsonInclude(JsonInclude.Include.ALWAYS) Double value,
            long count,
            Map<String, Object> details, List<Point> series, Comparison comparison) {

        public Group(String key, Double value, long count, Map<String, Object> details, List<Point> series) {
            this(key, value, count, details, series, null);
        }
    }

    /**
     * A value against the previous period: its value there ({@code null} over an empty set), the
     * change (null when either is null) and, for NPS and CSAT, whether the change exceeds 1.96
     * standard errors of the difference.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Comparison(Instant from, Instant to, @JsonInclude(JsonInclude.Include.ALWAYS) Double previous,
            long previousCount, @JsonInclude(JsonInclude.Include.ALWAYS) Double change, Boolean changeSignificant) {
    }

    public record Point(Instant start, Instant end, Double value, long count, Map<String, Object> details) {
    }
}
