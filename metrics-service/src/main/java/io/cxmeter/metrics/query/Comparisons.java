package io.cxmeter.metrics.query;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code compare=previous} (docs/metrics.md, honest statistics): each value beside the same metric
 * over the equally long period just before, groups matched by key. For NPS and CSAT the change is
 * significant when {@code |change| > 1.96 * sqrt(se1² + se2²)}, with NPS se = marginOfError95 / 1.96
 * and CSAT se = 100 * sqrt(p(1 − p) / N).
 */
final class Comparisons {

    private static final double Z = 1.96;

    private Comparisons() {
    }

    static MetricResult attach(MetricResult current, MetricResult previous) {
        List<MetricResult.Group> groups = current.groups();
        if (groups != null) {
            Map<String, MetricResult.Group> before = new HashMap<>();
            if (previous.groups() != null) {
                previous.groups().forEach(g -> before.put(g.key(), g));
            }
            groups = groups.stream().map(g -> {
                MetricResult.Group earlier = before.get(g.key());
                return new MetricResult.Group(g.key(), g.value(), g.count(), g.details(), g.series(),
                        compare(current.metric(), previous, g.value(), g.count(), g.details(),
                                earlier == null ? null : earlier.value(), earlier == null ? 0 : earlier.count(),
                                earlier == null ? null : earlier.details()));
            }).toList();
        }
        return new MetricResult(current.metric(), current.from(), current.to(), current.at(), current.value(), current.count(),
                current.details(), groups, current.series(), compare(current.metric(), previous, current.value(),
                        current.count(), current.details(), previous.value(), previous.count(), previous.details()));
    }

    private static MetricResult.Comparison compare(String metric, MetricResult previousPeriod, Double value, long count,
            Map<String, Object> details, Double previous, long previousCount, Map<String, Object> previousDetails) {
        Double change = value == null || previous == null ? null : value - previous;
        Boolean significant = null;
        if (change != null) {
            Double se1 = standardError(metric, value, count, details);
            Double se2 = standardError(metric, previous, previousCount, previousDetails);
            if (se1 != null && se2 != null) {
                significant = Math.abs(change) > Z * Math.sqrt(se1 * se1 + se2 * se2);
            }
        }
        return new MetricResult.Comparison(previousPeriod.from(), previousPeriod.to(), previous, previousCount, change, significant);
    }

    /** The standard error of an NPS or CSAT value; null for other metrics or without a sample. */
    static Double standardError(String metric, Double value, long count, Map<String, Object> details) {
        if (value == null || count == 0) {
            return null;
        }
        return switch (metric) {
            case "nps" -> details == null || !(details.get("marginOfError95") instanceof Number moe) ? null
                    : moe.doubleValue() / Z;
            case "csat" -> {
                double p = value / 100.0;
                yield 100.0 * Math.sqrt(p * (1 - p) / count);
            }
            default -> null;
        };
    }
}
