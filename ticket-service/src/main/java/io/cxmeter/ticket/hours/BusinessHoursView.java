package io.cxmeter.ticket.hours;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A calendar as stored: the tenant's default ({@code team} null) or a team's own. */
@Schema(name = "BusinessHoursView")
public record BusinessHoursView(
        @Schema(description = "The team whose calendar it is; null for the tenant's default") String team,
        String timeZone, Map<String, List<BusinessHours.Slot>> schedule, List<String> holidays,
        @Schema(description = "When it was last set; null: never set, every hour counts") Instant updatedAt) {

    /** What is in force before any calendar is set: every hour of every day, in the tenant's zone. */
    static BusinessHoursView aroundTheClock(String zone) {
        Map<String, List<BusinessHours.Slot>> week = new java.util.LinkedHashMap<>();
        for (java.time.DayOfWeek day : java.time.DayOfWeek.values()) {
            week.put(day.name().toLowerCase(java.util.Locale.ROOT), List.of(new BusinessHours.Slot("00:00", "24:00")));
        }
        return new BusinessHoursView(null, zone, week, List.of(), null);
    }
}
