package io.cxmeter.ticket.hours;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.cxmeter.problem.Problem;
import io.cxmeter.problem.ProblemException;

/**
 * A business calendar: a time zone, for each weekday its local opening intervals (a day without any is
 * closed; {@code end} may be {@code 24:00}) and holidays, closed all day (docs/metrics.md: business hours).
 */
@Schema(name = "BusinessHours", example = """
        {"timeZone":"Europe/Vilnius","schedule":{"monday":[{"start":"09:00","end":"12:00"},{"start":"13:00","end":"17:00"}],\
        "friday":[{"start":"09:00","end":"15:00"}]},"holidays":["2026-12-24","2026-12-25"]}""")
public record BusinessHours(
        @Schema(description = "IANA time zone; default the tenant's") String timeZone,
        @Schema(description = "Opening intervals per weekday (monday … sunday), local times HH:mm, end up to 24:00")
        Map<String, List<Slot>> schedule,
        @Schema(description = "Local dates closed all day", maxItems = MAX_HOLIDAYS) List<String> holidays) {

    static final int MAX_HOLIDAYS = 1000;
    private static final int MAX_SLOTS = 24;

    /** An opening interval of one weekday, local time. */
    @Schema(name = "BusinessHoursSlot")
    public record Slot(@Schema(example = "09:00") String start, @Schema(example = "17:00") String end) {
    }

    /**
     * The calendar checked and written the one way it is stored: weekdays in order, each day's intervals
     * sorted, holidays sorted once each, the zone the tenant's when none is given. Every field that is
     * wrong is named in one 400.
     */
    public BusinessHours normalized(String tenantZone) {
        List<Problem.Violation> errors = new ArrayList<>();
        String zone = timeZone == null ? tenantZone : timeZone;
        try {
            ZoneId.of(zone);
        } catch (DateTimeException e) {
            errors.add(Problem.Violation.ofField("timeZone", "'" + zone + "' is not an IANA time zone, e.g. Europe/Vilnius"));
        }
        Map<String, List<Slot>> days = new LinkedHashMap<>();
        Map<String, List<Slot>> given = schedule == null ? Map.of() : schedule;
        for (String day : given.keySet()) {
            if (Arrays.stream(DayOfWeek.values()).noneMatch(d -> d.name().toLowerCase(Locale.ROOT).equals(day))) {
                errors.add(Problem.Violation.ofField("schedule." + day, "must be a weekday: monday, tuesday, … sunday"));
            }
        }
        for (DayOfWeek weekday : DayOfWeek.values()) {
            String day = weekday.name().toLowerCase(Locale.ROOT);
            List<Slot> slots = given.get(day);
            if (slots == null || slots.isEmpty()) {
                continue;
            }
            if (slots.size() > MAX_SLOTS) {
                errors.add(Problem.Violation.ofField("schedule." + day, "at most " + MAX_SLOTS + " intervals a day"));
                continue;
            }
            List<LocalTime[]> parsed = new ArrayList<>();
            for (int i = 0; i < slots.size(); i++) {
                String field = "schedule." + day + "[" + i + "]";
                Slot slot = slots.get(i);
                LocalTime start = slot == null ? null : time(slot.start(), false, field + ".start", errors);
                LocalTime end = slot == null ? null : time(slot.end(), true, field + ".end", errors);
                if (slot == null) {
                    errors.add(Problem.Violation.ofField(field, "must be an interval {start, end}"));
                } else if (start != null && end != null && !(end.equals(LocalTime.MAX) || end.isAfter(start))) {
                    errors.add(Problem.Violation.ofField(field + ".end", "must be after start (" + slot.start() + ")"));
                } else if (start != null && end != null) {
                    parsed.add(new LocalTime[] {start, end});
                }
            }
            parsed.sort(Comparator.comparing(s -> s[0]));
            for (int i = 1; i < parsed.size(); i++) {
                if (parsed.get(i)[0].isBefore(parsed.get(i - 1)[1])) {
                    errors.add(Problem.Violation.ofField("schedule." + day, "intervals must not overlap ("
                            + text(parsed.get(i - 1)) + " and " + text(parsed.get(i)) + ")"));
                }
            }
            days.put(day, parsed.stream().map(s -> new Slot(format(s[0]), format(s[1]))).toList());
        }
        TreeSet<LocalDate> dates = new TreeSet<>();
        List<String> givenHolidays = holidays == null ? List.of() : holidays;
        if (givenHolidays.size() > MAX_HOLIDAYS) {
            errors.add(Problem.Violation.ofField("holidays", "at most " + MAX_HOLIDAYS + " dates"));
        }
        for (int i = 0; i < givenHolidays.size() && i < MAX_HOLIDAYS; i++) {
            try {
                dates.add(LocalDate.parse(givenHolidays.get(i)));
            } catch (DateTimeParseException | NullPointerException e) {
                errors.add(Problem.Violation.ofField("holidays[" + i + "]", "must be a date YYYY-MM-DD"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(400, "The business hours are not valid; nothing was changed", errors);
        }
        return new BusinessHours(zone, days, dates.stream().map(LocalDate::toString).toList());
    }

    /** HH:mm; {@code 24:00} only as an end, read as the end of the day ({@link LocalTime#MAX}). */
    private static LocalTime time(String value, boolean end, String field, List<Problem.Violation> errors) {
        if (end && "24:00".equals(value)) {
            return LocalTime.MAX;
        }
        if (value != null && value.matches("\\d{2}:\\d{2}")) {
            try {
                return LocalTime.parse(value);
            } catch (DateTimeParseException e) {
                // Falls through to the error below.
            }
        }
        errors.add(Problem.Violation.ofField(field, "must be a local time HH:mm" + (end ? " (up to 24:00)" : "")));
        return null;
    }

    private static String format(LocalTime time) {
        return time.equals(LocalTime.MAX) ? "24:00" : time.toString();
    }

    private static String text(LocalTime[] slot) {
        return format(slot[0]) + "–" + format(slot[1]);
    }
}
