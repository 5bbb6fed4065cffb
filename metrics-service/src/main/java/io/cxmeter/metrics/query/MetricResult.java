package io.cxmeter.metrics.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer of docs/api.md: the value over the period, per group, and per bucket of a series. {@code value}
 * is always there, null over an empty set; {@code at}, {@code groups} and {@code series} only when asked.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MetricResult(String metric, Instant from, Instant to, Instant at,
        @JsonInclude(JsonInclude.Include.ALWAYS) Double value, long count,
        Map<String, Object> details, List<Group> groups, List<Point> series) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Group(@JsonInclude(JsonInclude.Include.ALWAYS) String key, @JsonInclude(JsonInclude.Include.ALWAYS) Double value,
            long count,
            Map<String, Object> details, List<Point> series) {
    }

    public record Point(Instant start, Instant end, Double value, long count, Map<String, Object> details) {
    }
}
