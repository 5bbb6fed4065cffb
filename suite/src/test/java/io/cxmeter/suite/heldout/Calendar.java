package io.cxmeter.suite.heldout;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneRules;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Business hours as docs/metrics.md defines them, written for the oracle from the definition alone:
 * a zone, open local intervals per weekday ({@code end} null: 24:00), holidays. Each local interval of
 * each date is made instants by the zone's rules: a local time in a spring-forward gap moves to the
 * first instant after the gap, an ambiguous one takes the earlier offset.
 */
record Calendar(ZoneId zone, Map<DayOfWeek, List<Slot>> schedule, Set<LocalDate> holidays) {

    record Slot(LocalTime start, LocalTime end) {
    }

    /** The body of PUT /api/v1/business-hours. */
    JsonObject json() {
        JsonObject days = new JsonObject();
        schedule.forEach((day, slots) -> {
            JsonArray list = new JsonArray();
            slots.forEach(s -> list.add(new JsonObject().put("start", s.start().toString())
                    .put("end", s.end() == null ? "24:00" : s.end().toString())));
            days.put(day.name().toLowerCase(Locale.ROOT), list);
        });
        JsonArray closed = new JsonArray();
        holidays.stream().sorted().forEach(d -> closed.add(d.toString()));
        return new JsonObject().put("timeZone", zone.getId()).put("schedule", days).put("holidays", closed);
    }

    /** Seconds of {@code [a, b)} inside open intervals. */
    double seconds(Instant a, Instant b) {
        double total = 0;
        for (LocalDate day = date(a).minusDays(1); !day.isAfter(date(b).plusDays(1)); day = day.plusDays(1)) {
            for (Instant[] open : open(day)) {
                Instant lo = a.isAfter(open[0]) ? a : open[0];
                Instant hi = b.isBefore(open[1]) ? b : open[1];
                if (lo.isBefore(hi)) {
                    total += Duration.between(lo, hi).toNanos() / 1e9;
                }
            }
        }
        return total;
    }

    /**
     * The first instant at which more than {@code target} business seconds have passed since {@code start}:
     * where they run out inside an open interval, or the next opening when they run out exactly at a closing.
     */
    Instant exceeded(Instant start, long target) {
        double remaining = target;
        for (LocalDate day = date(start).minusDays(1); day.isBefore(date(start).plusYears(3)); day = day.plusDays(1)) {
            for (Instant[] open : open(day)) {
                Instant lo = start.isAfter(open[0]) ? start : open[0];
                if (!lo.isBefore(open[1])) {
                    continue;
                }
                double available = Duration.between(lo, open[1]).toNanos() / 1e9;
                if (remaining < available) {
                    return lo.plusNanos(Math.round(remaining * 1e9));
                }
                remaining -= available;
            }
        }
        throw new IllegalStateException("no business hours within three years of " + start);
    }

    private LocalDate date(Instant t) {
        return t.atZone(zone).toLocalDate();
    }

    /** A date's open intervals as instants, in order; none on a holiday. */
    private List<Instant[]> open(LocalDate day) {
        if (holidays.contains(day)) {
            return List.of();
        }
        return schedule.getOrDefault(day.getDayOfWeek(), List.of()).stream()
                .map(s -> new Instant[] {instant(day.atTime(s.start())),
                        s.end() == null ? instant(day.plusDays(1).atStartOfDay()) : instant(day.atTime(s.end()))})
                .toList();
    }

    private Instant instant(LocalDateTime local) {
        ZoneRules rules = zone.getRules();
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.isEmpty()) {
            return rules.getTransition(local).getInstant();
        }
        return local.toInstant(offsets.get(0));
    }
}
