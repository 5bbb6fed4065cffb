package io.cxmeter.metrics.rollup;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

/**
 * The bucket sizes of the rollups: UTC hours, and days and months of the tenant's time zone (so a
 * day bucket is 23 or 25 hours long across a DST change, exactly like the tenant's calendar).
 */
public enum Grain {
    HOUR(1), DAY(2), MONTH(3);

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
        };
    }

    /** The start of the bucket after the one starting at {@code start}. */
    public Instant next(Instant start, ZoneId zone) {
        return switch (this) {
            case HOUR -> start.plus(1, ChronoUnit.HOURS);
            case DAY -> start.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
            case MONTH -> start.atZone(zone).toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay(zone).toInstant();
        };
    }

    public Instant ceil(Instant at, ZoneId zone) {
        Instant floor = floor(at, zone);
        return floor.equals(at) ? at : next(floor, zone);
    }

    static ZonedDateTime utc(Instant at) {
        return at.atZone(ZoneOffset.UTC);
    }
}
