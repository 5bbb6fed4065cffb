package io.cxmeter.metrics.query;

import java.time.Instant;
import java.time.ZoneId;

import io.cxmeter.metrics.facts.Dimension;

/** A validated question: a metric over {@code [from, to)} for the tenant, maybe grouped and as a series. */
public record MetricRequest(String tenantId, ZoneId zone, Metric metric, Instant from, Instant to, Instant at,
        Dimension groupBy, Interval interval, String surveyId, int threshold, int shortAbandonSeconds) {

    public static final int DEFAULT_THRESHOLD = 20;
    public static final int DEFAULT_SHORT_ABANDON = 5;

    public MetricRequest withMetric(Metric other) {
        return new MetricRequest(tenantId, zone, other, from, to, at, null, interval, surveyId, threshold, shortAbandonSeconds);
    }
}
