package io.cxmeter.metrics.facts;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.cxmeter.events.TicketUpserted.BusinessHours;
import io.cxmeter.events.TicketUpserted.Slot;

/**
 * Business seconds of a calendar (docs/metrics.md: business hours): a time zone, a weekly schedule of
 * local opening intervals and closed holidays. Each local interval becomes instants by the zone's
 * rules: a local time inside a spring-forward gap moves to the first instant after the gap, an
 * ambiguous one takes the earlier offset. Pure and immutable.
 */
public final class BusinessClock {

    private final ZoneId zone;
    private final Map<DayOfWeek, List<LocalTime[]>> week = new EnumMap<>(DayOfWeek.class);
    private final Set<LocalDate> holidays;
    /** Whether the calendar is open at all: a calendar without any opening has no business seconds. */
    private final boolean everOpen;

    private BusinessClock(BusinessHours calendar) {
        this.zone = ZoneId.of(java.util.Objects.requireNonNull(calendar.timeZone(), "businessHours.timeZone"));
        boolean open = false;
        if (calendar.schedule() != null) {
            for (Map.Entry<String, List<Slot>> day : calendar.schedule().entrySet()) {
                DayOfWeek weekday = DayOfWeek.valueOf(day.getKey().toUpperCase(Locale.ROOT));
                List<LocalTime[]> slots = new ArrayList<>();
                for (Slot slot : day.getValue() == null ? List.<Slot>of() : day.getValue()) {
                    // 24:00 is the end of the day: null stands for it.
                    slots.add(new LocalTime[] {LocalTime.parse(slot.start()),
                        "24:00".equals(slot.end()) ? null : LocalTime.parse(slot.end())});
                    open = true;
                }
                slots.sort(java.util.Comparator.comparing(slot -> slot[0]));
                week.put(weekday, slots);
            }
        }
        this.holidays = new HashSet<>(calendar.holidays() == null ? List.of() : calendar.holidays());
        this.everOpen = open;
    }

    /** The clock of {@code calendar}; null (no business hours set) is always open. A calendar that cannot be read is refused. */
    public static BusinessClock of(BusinessHours calendar) {
        try {
            return calendar == null ? null : new BusinessClock(calendar);
        } catch (java.time.DateTimeException e) {
            throw new IllegalArgumentException("businessHours: " + e.getMessage(), e);
        }
    }

    /** Business seconds of {@code [a, b)}. */
    public double seconds(Instant a, Instant b) {
        if (!b.isAfter(a) || !everOpen) {
            return 0;
        }
        // From the day before (a slot ending at 24:00 reaches into the next day) to b's day.
        LocalDate last = b.atZone(zone).toLocalDate();
        double total = 0;
        for (LocalDate day = a.atZone(zone).toLocalDate().minusDays(1); !day.isAfter(last); day = day.plusDays(1)) {
            total += openSeconds(day, a, b);
        }
        return total;
    }

    /** Days searched for a deadline before giving up: a calendar open less than this never breaches. */
    private static final int DEADLINE_SEARCH_DAYS = 2 * 366;

    /**
     * The instant after which more than {@code seconds} business seconds have passed since {@code start}:
     * where they are reached inside an opening, or, reached exactly at an opening's end, the start of the
     * next opening (the count stands still in between). Null when the calendar does not open again.
     */
    public Instant deadline(Instant start, double seconds) {
        if (!everOpen) {
            return null;
        }
        double remaining = seconds;
        LocalDate day = start.atZone(zone).toLocalDate().minusDays(1);
        for (int i = 0; i < DEADLINE_SEARCH_DAYS; i++, day = day.plusDays(1)) {
            if (holidays.contains(day)) {
                continue;
            }
            for (LocalTime[] slot : week.getOrDefault(day.getDayOfWeek(), List.of())) {
                Instant[] opening = opening(day, slot);
                Instant from = opening[0].isAfter(start) ? opening[0] : start;
                if (!opening[1].isAfter(from)) {
                    continue;
                }
                double length = TicketContributions.seconds(from, opening[1]);
                if (remaining < length) {
                    return from.plusNanos(Math.round(remaining * 1e9));
                }
                remaining -= length;
            }
        }
        return null;
    }

    private double openSeconds(LocalDate day, Instant a, Instant b) {
        if (holidays.contains(day)) {
            return 0;
        }
        double total = 0;
        for (LocalTime[] slot : week.getOrDefault(day.getDayOfWeek(), List.of())) {
            Instant[] opening = opening(day, slot);
            Instant from = opening[0].isAfter(a) ? opening[0] : a;
            Instant to = opening[1].isBefore(b) ? opening[1] : b;
            if (to.isAfter(from)) {
                total += TicketContributions.seconds(from, to);
            }
        }
        return total;
    }

    /** The instants an opening of {@code day} starts and ends ({@code 24:00}: the next day's start). */
    private Instant[] opening(LocalDate day, LocalTime[] slot) {
        return new Instant[] {instant(day, slot[0]),
            slot[1] == null ? instant(day.plusDays(1), LocalTime.MIDNIGHT) : instant(day, slot[1])};
    }

    /** The instant local {@code time} of {@code day} starts: after a gap when it falls in one, the earlier offset when ambiguous. */
    private Instant instant(LocalDate day, LocalTime time) {
        LocalDateTime local = day.atTime(time);
        ZoneOffsetTransition transition = zone.getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return local.atZone(zone).withEarlierOffsetAtOverlap().toInstant();
    }
}
