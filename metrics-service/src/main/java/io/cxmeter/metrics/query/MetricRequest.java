package io.cxmeter.metrics.query;

import java.time.Instant;
import java.time.ZoneId;

import io.cxmeter.metrics.facts.Dimension;
import io.cxmeter.metrics.facts.Filter;

/**
 * A validated question: a metric over {@code [from, to)} for the tenant, maybe grouped and as a series;
 * {@code businessClock}: durations in business seconds ({@code clock=business}); {@code filter}: the facts counted.
 */
public record MetricRequest(String tenantId, ZoneId zone, Metric metric, Instant from, Instant to, Instant at,
        Dimension groupBy, Interval interval, String surveyId, int threshold, int shortAbandonSeconds, int windowDays,
        boolean businessClock, Filter filter, SharedReads reads) {

    public MetricRequest {
        filter = filter == null ? Filter.NONE : filter;
    }

    public static final int DEFAULT_THRESHOLD = 20;
    public static final int DEFAULT_SHORT_ABANDON = 5;
    public static final int DEFAULT_WINDOW_DAYS = 90;

    public MetricRequest(String tenantId, ZoneId zone, Metric metric, Instant from, Instant to, Instant at, Dimension groupBy,
            Interval interval, String surveyId, int threshold, int shortAbandonSeconds, int windowDays, boolean businessClock,
            Filter filter) {
        this(tenantId, zone, metric, from, to, at, groupBy, interval, surveyId, threshold, shortAbandonSeconds, windowDays,
                businessClock, filter, null);
    }

    /** A question with every parameter at its default. */
    public MetricRequest(String tenantId, ZoneId zone, Metric metric, Instant from, Instant to, Instant at, Dimension groupBy,
            Interval interval, String surveyId) {
        this(tenantId, zone, metric, from, to, at, groupBy, interval, surveyId, DEFAULT_THRESHOLD, DEFAULT_SHORT_ABANDON,
                DEFAULT_WINDOW_DAYS, false, Filter.NONE, null);
    }

    /** Another metric over the same period, without groups, sharing this request's reads (if it shares any). */
    public MetricRequest withMetric(Metric other) {
        return new MetricRequest(tenantId, zone, other, from, to, at, null, interval, surveyId, threshold, shortAbandonSeconds,
                windowDays, businessClock, filter, reads);
    }

    /**
     * The same question over the equally long period just before {@code from} (an instant {@code at}
     * moved back as far), without a series, reading on its own.
     */
    public MetricRequest previousPeriod() {
        java.time.Duration length = java.time.Duration.between(from, to);
        return new MetricRequest(tenantId, zone, metric, from.minus(length), from, at == null ? null : at.minus(length), groupBy,
                null, surveyId, threshold, shortAbandonSeconds, windowDays, businessClock, filter,
                reads == null ? null : new SharedReads());
    }

    /** The same request, its reads shared with every request made from it by {@link #withMetric}. */
    public MetricRequest sharingReads() {
        return new MetricRequest(tenantId, zone, metric, from, to, at, groupBy, interval, surveyId, threshold,
                shortAbandonSeconds, windowDays, businessClock, filter, new SharedReads());
    }
}
