package io.cxmeter.events;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A ticket with its whole history, sent on every change ({@code ticket.upserted}): the receiver
 * replaces what the ticket contributed before. {@code version} orders a ticket's updates. The
 * business hours its durations are measured in and the SLA policy it follows travel with it (none:
 * every hour counts, no targets).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TicketUpserted(@JsonProperty(required = true) String id, Long version,
        @JsonProperty(required = true) Channel channel, Priority priority, String team, String customerId, List<String> tags,
        @JsonProperty(required = true) Instant createdAt, List<TicketEvent> events, BusinessHours businessHours,
        SlaPolicy slaPolicy) implements EventPayload {

    /** A calendar: a time zone, local opening intervals per weekday ({@code monday}…), closed days. */
    public record BusinessHours(String timeZone, Map<String, List<Slot>> schedule, List<LocalDate> holidays) {
    }

    /** A local opening interval, {@code HH:mm}; {@code end} may be {@code 24:00}. */
    public record Slot(String start, String end) {
    }

    /** The SLA policy the ticket follows: targets in seconds (null: none), {@code calendar} or {@code business} clock. */
    public record SlaPolicy(String id, String name, Long firstReply, Long nextReply, Long resolution, String clock) {
    }

    /** The same ticket as the given version. */
    public TicketUpserted withVersion(long other) {
        return new TicketUpserted(id, other, channel, priority, team, customerId, tags, createdAt, events, businessHours,
                slaPolicy);
    }

    @Override
    public Topic topic() {
        return Topic.TICKET_UPSERTED;
    }

    @Override
    public String aggregateId() {
        return id;
    }
}
