package io.cxmeter.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One timestamped thing that happened to a ticket. Which fields are set depends on the type:
 * {@code agentId} for assigned, agent_reply and answered; {@code status} for status; the three
 * durations (seconds) for handled, whose {@code at} is when the contact ended.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TicketEvent(EventType type, Instant at, String agentId, TicketStatus status,
        Integer talkSeconds, Integer holdSeconds, Integer wrapUpSeconds) {

    public TicketEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(at, "at");
    }

    /**
     * What is wrong with this event on a ticket created at {@code createdAt}, or an empty list.
     * Messages name the field, for import line errors and problem details alike.
     */
    public List<String> problems(Instant createdAt) {
        List<String> problems = new ArrayList<>();
        if (at.isBefore(createdAt)) {
            problems.add(type.wire() + " event at " + at + " is before the ticket's createdAt " + createdAt);
        }
        if (type.needsAgent() && (agentId == null || agentId.isBlank())) {
            problems.add(type.wire() + " event needs agentId");
        }
        if (type == EventType.STATUS && status == null) {
            problems.add("status event needs status (one of " + TicketStatus.allowed() + ")");
        }
        if (type == EventType.HANDLED) {
            if (talkSeconds == null || holdSeconds == null || wrapUpSeconds == null) {
                problems.add("handled event needs talkSeconds, holdSeconds and wrapUpSeconds");
            } else if (talkSeconds < 0 || holdSeconds < 0 || wrapUpSeconds < 0) {
                problems.add("handled event durations must not be negative");
            }
        }
        return problems;
    }
}
