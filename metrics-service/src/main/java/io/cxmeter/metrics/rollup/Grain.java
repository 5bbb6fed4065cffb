package io.cxmeter.metrics.rollup;

import java.time.Instant;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;

/**
 * The bucket sizes of the rollups: UTC hours, and quarters of a day (from 00:00, 06:00, 12:00 and
 * 18:00), days, weeks (from Monday), months and quarters of the tenant's time zone (so a day bucket is
 * 23 or 25 hours long across a DST change, exactly like the tenant's calendar). Quarters (January,
 * April, July, October) let a quarter or a year by agent read one row per agent and quarter instead
 * of three; weeks do the same for 30 days and weekly series; six hours bound what an edge inside a day
 * reads.
 */
public enum Grain {
    HOUR(1), DAY(2), MONTH(3), QUARTER(4), WEEK(5), SIX_HOURS(6);

    private final short code;

    Grain(int code) {
        this.code = (short) code;
    }

    public short code() {
        return code;
    }

    /** The start of the bucket that contains {@code at}. */
    public Instant floor(Instant at, ZoneId zone) {
        return switch (this) {
            case HOUR -> at.truncatedTo(ChronoUnit.HOURS);
            case SIX_HOURS -> {
                LocalDateTime local = at.atZone(zone).toLocalDateTime();
                yield startOf(local.toLocalDate().atTime(local.getHour() / 6 * 6, 0), zone);
            }
            case DAY -> at.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
            case WEEK -> at.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).atStartOfDay(zone)
                    .toInstant();
            case MONTH -> at.atZone(zone).toLocalDate().withDayOfMonth(1).atStartOfDay(zone).toInstant();
            case QUARTER -> quarterStart(at.atZone(zone).toLocalDate()).atStartOfDay(zone).toInstant();
        };
    }

    /** The start of the bucket after the one starting at {@code start}. */
    public Instant next(Instant start, ZoneId zone) {
        return switch (this) {
            case HOUR -> start.plus(1, ChronoUnit.HOURS);
            case SIX_HOURS -> {
                LocalDateTime local = start.atZone(zone).toLocalDateTime();
                LocalDateTime after = local.toLocalDate().atTime(local.getHour() / 6 * 6, 0).plusHours(6);
                yield after.getHour() == 0 ? after.toLocalDate().atStartOfDay(zone).toInstant() : startOf(after, zone);
            }
            case WEEK -> start.atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).plusWeeks(1)
                    .atStartOfDay(zone).toInstant();
            case DAY -> start.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
            case MONTH -> start.atZone(zone).toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay(zone).toInstant();
            case QUARTER -> quarterStart(start.atZone(zone).toLocalDate()).plusMonths(3).atStartOfDay(zone).toInstant();
        };
    }

    /**
     * The instant a local time starts: inside a DST gap, the end of the gap (as a day's start is),
     * so that a bucket never starts after the instants it holds.
     */
    private static Instant startOf(LocalDateTime local, ZoneId zone) {
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        return transition != null && transition.isGap() ? transition.getInstant() : local.atZone(zone).toInstant();
    }

    private static LocalDate quarterStart(LocalDate day) {
        return LocalDate.of(day.getYear(), (day.getMonthValue() - 1) / 3 * 3 + 1, 1);
    }

    public Instant ceil(Instant at, ZoneId zone) {
        Instant floor = floor(at, zone);
        return floor.equals(at) ? at : next(floor, zone);
    }

    static ZonedDateTime utc(Instant at) {
        return at.atZone(ZoneOffset.UTC);
    }
}
