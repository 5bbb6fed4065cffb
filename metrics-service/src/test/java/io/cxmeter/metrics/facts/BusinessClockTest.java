package io.cxmeter.metrics.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.cxmeter.events.TicketUpserted.BusinessHours;
import io.cxmeter.events.TicketUpserted.Slot;

/** Business seconds worked out by hand from docs/metrics.md (business hours). */
class BusinessClockTest {

    private static final List<Slot> WITH_LUNCH = List.of(new Slot("09:00", "12:00"), new Slot("13:00", "17:00"));
    private static final List<Slot> NINE_TO_FIVE = List.of(new Slot("09:00", "17:00"));

    private static double seconds(BusinessClock clock, String a, String b) {
        return clock.seconds(Instant.parse(a), Instant.parse(b));
    }

    @Test
    void aLunchBreakAndAHolidayAreClosed() {
        BusinessClock clock = BusinessClock.of(new BusinessHours("UTC", Map.of("monday", WITH_LUNCH, "tuesday", WITH_LUNCH,
                "wednesday", WITH_LUNCH, "thursday", WITH_LUNCH, "friday", WITH_LUNCH), List.of(LocalDate.parse("2026-03-04"))));
        // Tue 11:00–12:00 and 13:00–17:00, Wednesday a holiday, Thu 09:00–10:00: 1 + 4 + 0 + 1 hours.
        assertEquals(6 * 3600, seconds(clock, "2026-03-03T11:00:00Z", "2026-03-05T10:00:00Z"));
        // Inside the lunch break: nothing; across it: half an hour either side.
        assertEquals(0, seconds(clock, "2026-03-02T12:10:00Z", "2026-03-02T12:50:00Z"));
        assertEquals(3600, seconds(clock, "2026-03-02T11:30:00Z", "2026-03-02T13:30:00Z"));
        // Over a weekend: Fri 16:00–17:00 and Mon 09:00–09:30.
        assertEquals(5400, seconds(clock, "2026-03-06T16:00:00Z", "2026-03-09T09:30:00Z"));
        assertEquals(0, seconds(clock, "2026-03-05T10:00:00Z", "2026-03-05T10:00:00Z"));
    }

    @Test
    void aWaitOverAWeekendAndTheSwitchToSummerTimeCountsLocalHours() {
        // Vilnius, Mon–Fri 09:00–17:00. Friday 27 March 16:00 (UTC+2) to Monday 30 March 10:00 (UTC+3, after the
        // switch on Sunday): Fri 16:00–17:00 and Mon 09:00–10:00, two hours of 65 calendar hours.
        BusinessClock clock = BusinessClock.of(new BusinessHours("Europe/Vilnius", Map.of("monday", NINE_TO_FIVE,
                "tuesday", NINE_TO_FIVE, "wednesday", NINE_TO_FIVE, "thursday", NINE_TO_FIVE, "friday", NINE_TO_FIVE), List.of()));
        assertEquals(7200, seconds(clock, "2026-03-27T14:00:00Z", "2026-03-30T07:00:00Z"));
        // Monday 09:00 is 06:00 UTC in summer time: a wait ending at 06:30 UTC has half an hour of Monday.
        assertEquals(3600 + 1800, seconds(clock, "2026-03-27T14:00:00Z", "2026-03-30T06:30:00Z"));
    }

    @Test
    void aLocalTimeInTheSpringForwardGapMovesToTheEndOfTheGap() {
        // Vilnius skips 03:00–04:00 on Sunday 29 March 2026. Open Sundays 03:30–06:00: that Sunday from the gap's
        // end (04:00 UTC+3 = 01:00 UTC) to 06:00 UTC+3 (03:00 UTC), 2 h; the Sunday before 03:30–06:00 UTC+2, 2.5 h.
        BusinessClock clock = BusinessClock.of(new BusinessHours("Europe/Vilnius",
                Map.of("sunday", List.of(new Slot("03:30", "06:00"))), List.of()));
        assertEquals(7200, seconds(clock, "2026-03-28T00:00:00Z", "2026-03-30T00:00:00Z"));
        assertEquals(9000, seconds(clock, "2026-03-21T00:00:00Z", "2026-03-23T00:00:00Z"));
    }

    @Test
    void anAmbiguousLocalTimeTakesTheEarlierOffset() {
        // Vilnius has 03:00–04:00 twice on Sunday 25 October 2026. 03:30 is taken at UTC+3 (00:30 UTC); 05:00 is
        // UTC+2 (03:00 UTC): 2.5 h.
        BusinessClock clock = BusinessClock.of(new BusinessHours("Europe/Vilnius",
                Map.of("sunday", List.of(new Slot("03:30", "05:00"))), List.of()));
        assertEquals(9000, seconds(clock, "2026-10-24T00:00:00Z", "2026-10-26T00:00:00Z"));
    }

    @Test
    void aSlotMayEndAtMidnightAndAClosedCalendarHasNoBusinessSeconds() {
        BusinessClock evenings = BusinessClock.of(new BusinessHours("UTC", Map.of("saturday", List.of(new Slot("20:00", "24:00"))),
                List.of()));
        // Saturday 7 March 22:00 to Sunday 01:00: 22:00–24:00.
        assertEquals(7200, seconds(evenings, "2026-03-07T22:00:00Z", "2026-03-08T01:00:00Z"));
        assertEquals(0, seconds(BusinessClock.of(new BusinessHours("UTC", Map.of(), List.of())),
                "2026-03-02T00:00:00Z", "2026-03-09T00:00:00Z"));
        assertNull(BusinessClock.of(null), "no business hours set: every hour counts (the caller uses calendar time)");
    }

    @Test
    void aDeadlineIsWhereTheTargetsBusinessSecondsRunOut() {
        BusinessClock clock = BusinessClock.of(new BusinessHours("UTC", Map.of("monday", WITH_LUNCH, "friday", WITH_LUNCH), List.of()));
        // Monday 11:30 plus an hour: half an hour before lunch, half an hour after it.
        assertEquals(Instant.parse("2026-03-02T13:30:00Z"), clock.deadline(Instant.parse("2026-03-02T11:30:00Z"), 3600));
        // Reached exactly at 12:00: the count stands still over lunch, so the target elapses at 13:00.
        assertEquals(Instant.parse("2026-03-02T13:00:00Z"), clock.deadline(Instant.parse("2026-03-02T11:00:00Z"), 3600));
        // Friday 16:00 plus two hours: 16:00–17:00, then Monday 09:00–10:00.
        assertEquals(Instant.parse("2026-03-09T10:00:00Z"), clock.deadline(Instant.parse("2026-03-06T16:00:00Z"), 7200));
        // Started while closed: from the next opening.
        assertEquals(Instant.parse("2026-03-09T09:10:00Z"), clock.deadline(Instant.parse("2026-03-07T10:00:00Z"), 600));
        assertNull(BusinessClock.of(new BusinessHours("UTC", Map.of(), List.of())).deadline(Instant.parse("2026-03-02T00:00:00Z"), 60),
                "a calendar that never opens never lets a target elapse");
    }
}
