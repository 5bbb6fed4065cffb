package io.cxmeter.metrics.query;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.cxmeter.problem.ProblemException;

/** Calendar buckets of a series, cut in the tenant's time zone (weeks start on Monday), clipped to the period. */
public enum Interval {
    DAY, WEEK, MONTH;

    public static final int MAX_BUCKETS = 1000;

    /** A bucket {@code [start, end)} of a series. */
    public record Bucket(Instant start, Instant end) {
    }

    /** The name callers use: day, week, month. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Interval fromWire(String value) {
        for (Interval interval : values()) {
            if (interval.wire().equals(value)) {
                return interval;
            }
        }
        throw ProblemException.badRequest("interval must be one of day, week, month");
    }

    /** The buckets covering {@code [from, to)}: calendar boundaries in {@code zone}, the first and last clipped. */
    public List<Bucket> buckets(Instant from, Instant to, ZoneId zone) {
        List<Bucket> out = new ArrayList<>();
        LocalDate day = first(from.atZone(zone).toLocalDate());
        Instant start = from;
        while (start.isBefore(to)) {
            day = next(day);
            Instant boundary = day.atStartOfDay(zone).toInstant();
            Instant end = boundary.isAfter(to) ? to : boundary;
            if (end.isAfter(start)) {
                out.add(new Bucket(start, end));
                if (out.size() > MAX_BUCKETS) {
                    throw ProblemException.badRequest("The series would have more than " + MAX_BUCKETS
                            + " buckets; choose a shorter period or a longer interval");
                }
            }
            start = end.isAfter(start) ? end : start;
        }
        return out;
    }

    private LocalDate first(LocalDate day) {
        return switch (this) {
            case DAY -> day;
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
            case MONTH -> day.withDayOfMonth(1);
        };
    }

    private LocalDate next(LocalDate start) {
        return switch (this) {
            case DAY -> start.plusDays(1);
            case WEEK -> start.plusWeeks(1);
            case MONTH -> start.plusMonths(1);
        };
    }
}
