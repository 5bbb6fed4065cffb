package io.cxmeter.ticket.tickets;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.cxmeter.events.EventType;
import io.cxmeter.events.TicketEvent;
import io.cxmeter.events.TicketStatus;
import io.cxmeter.events.tickets.TicketHistory;

/**
 * What a ticket's history adds up to, as docs/metrics.md reads it ({@link TicketHistory}): the current status and assignee,
 * the first assignment and first public agent reply, the latest resolution (a change from an
 * unresolved status to resolved or closed; resolved → closed is no new resolution), how often it
 * was reopened, the queue/answer/abandon/block times of a call or chat, and handle durations.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TicketFacts(TicketStatus status, String assignee,
        Instant firstAssignedAt, String firstAssignee,
        Instant firstReplyAt, String firstReplyAgent,
        Instant resolvedAt, int reopenCount,
        Instant queuedAt, Instant answeredAt, String answeredBy, Instant abandonedAt, Instant blockedAt,
        Integer talkSeconds, Integer holdSeconds, Integer wrapUpSeconds, Instant handledAt) {

    /** The facts of a ticket with these events (in any order). */
    public static TicketFacts derive(List<TicketEvent> events) {
        TicketHistory history = TicketHistory.of(events);
        TicketEvent firstAssigned = history.first(EventType.ASSIGNED);
        TicketEvent firstReply = history.first(EventType.AGENT_REPLY);
        TicketEvent answered = history.first(EventType.ANSWERED);
        TicketHistory.Resolution lasting = history.lastingResolution();
        TicketHistory.Handling handling = history.handling();
        return new TicketFacts(history.status(), history.assignee(),
                at(firstAssigned), agent(firstAssigned), at(firstReply), agent(firstReply),
                lasting == null ? null : lasting.resolvedAt(), history.reopenCount(),
                at(history.first(EventType.QUEUED)), at(answered), agent(answered),
                at(history.first(EventType.ABANDONED)), at(history.first(EventType.BLOCKED)),
                handling == null ? null : handling.talkSeconds(), handling == null ? null : handling.holdSeconds(),
                handling == null ? null : handling.wrapUpSeconds(), handling == null ? null : handling.endedAt());
    }

    private static Instant at(TicketEvent event) {
        return event == null ? null : event.at();
    }

    private static String agent(TicketEvent event) {
        return event == null ? null : event.agentId();
    }
}
