package io.cxmeter.metrics.query;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * docs/metrics.md, honest statistics: every value of a survey or review metric (total, group or
 * bucket) says {@code details.lowSample: true} when it rests on fewer than {@code minSample}
 * responses or reviews (default 30), and false otherwise.
 */
final class LowSamples {

    static final int DEFAULT_MIN_SAMPLE = 30;

    private LowSamples() {
    }

    static MetricResult mark(MetricResult result, Metric metric, int minSample) {
        if (!metric.sampled()) {
            return result;
        }
        List<MetricResult.Group> groups = result.groups() == null ? null : result.groups().stream()
                .map(g -> new MetricResult.Group(g.key(), g.value(), g.count(), flag(g.details(), g.count(), minSample),
                        points(g.series(), minSample), g.comparison()))
                .toList();
        return new MetricResult(result.metric(), result.from(), result.to(), result.at(), result.value(), result.count(),
                flag(result.details(), result.count(), minSample), groups, points(result.series(), minSample),
                result.comparison());
    }

    private static List<MetricResult.Point> points(List<MetricResult.Point> series, int minSample) {
        return series == null ? null : series.stream().map(p -> new MetricResult.Point(p.start(), p.end(), p.value(), p.count(),
                flag(p.details(), p.count(), minSample))).toList();
    }

    private static Map<String, Object> flag(Map<String, Object> details, long count, int minSample) {
        Map<String, Object> out = new LinkedHashMap<>(details == null ? Map.of() : details);
        out.put("lowSample", count < minSample);
        return out;
    }
}
