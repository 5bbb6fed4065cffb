package io.cxmeter.ticket.hours;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A calendar as stored: the tenant's default ({@code team} null) or a team's own. */
@Schema(name = "BusinessHoursView")
public record BusinessHoursView(
        @Schema(description = "The team whose calendar it is; null for the tenant's default") String team,
        String timeZone, Map<String, List<BusinessHours.Slot>> schedule, List<String> holidays, Instant updatedAt) {
}
