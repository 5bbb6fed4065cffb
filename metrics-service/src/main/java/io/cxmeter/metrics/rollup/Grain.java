package io.cxmeter.metrics.rollup;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The bucket sizes of the rollups: UTC hours, and days, months and quarters of the tenant's time zone
 * (so a day bucket is 23 or 25 hours long across a DST change, exactly like the tenant's calendar).
 * Quarters (January, April, July, October) let a quarter or a year by agent read one row per agent
 * and quarter instead of three.
 */
public enum Grain {
    HOUR(1), DAY(2), MONTH(3), QUARTER(4);

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
            case DAY -> at.atZone(zone).toLocalDate().atStartOfDay(zone).toInstant();
            case MONTH -> at.atZone(zone).toLocalDate().withDayOfMonth(1).atStartOfDay(zone).toInstant();
            case QUARTER -> quarterStart(at.atZone(zone).toLocalDate()).atStartOfDay(zone).toInstant();
        };
    }

    /** The start of the bucket after the one starting at {@code start}. */
    public Instant next(Instant start, ZoneId zone) {
        return switch (this) {
            case HOUR -> start.plus(1, ChronoUnit.HOURS);
            case DAY -> start.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
            case MONTH -> start.atZone(zone).toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay(zone).toInstant();
            case QUARTER -> quarterStart(start.atZone(zone).toLocalDate()).plusMonths(3).atStartOfDay(zone).toInstant();
        };
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
