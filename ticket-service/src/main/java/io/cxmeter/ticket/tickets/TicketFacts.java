package io.cxmeter.ticket.tickets;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What a ticket's history adds up to, as docs/metrics.md reads it: the current status and assignee,
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

    /** Events in time order; events at the same instant keep the order they were given in. */
    public static List<TicketEvent> chronological(List<TicketEvent> events) {
        return events.stream().sorted(Comparator.comparing(TicketEvent::at)).toList();
    }

    /** The facts of a ticket created at {@code createdAt} with these events (in any order). */
    public static TicketFacts derive(Instant createdAt, List<TicketEvent> events) {
        TicketStatus status = TicketStatus.NEW;
        String assignee = null;
        Instant firstAssignedAt = null;
        String firstAssignee = null;
        Instant firstReplyAt = null;
        String firstReplyAgent = null;
        Instant resolvedAt = null;
        int reopens = 0;
        Instant queuedAt = null;
        Instant answeredAt = null;
        String answeredBy = null;
        Instant abandonedAt = null;
        Instant blockedAt = null;
        Integer talk = null;
        Integer hold = null;
        Integer wrapUp = null;
        Instant handledAt = null;
        for (TicketEvent event : chronological(events)) {
            switch (event.type()) {
                case ASSIGNED -> {
                    assignee = event.agentId();
                    if (firstAssignedAt == null) {
                        firstAssignedAt = event.at();
                        firstAssignee = event.agentId();
                    }
                }
                case AGENT_REPLY -> {
                    if (firstReplyAt == null) {
                        firstReplyAt = event.at();
                        firstReplyAgent = event.agentId();
                    }
                }
                case STATUS -> {
                    TicketStatus next = event.status();
                    if (!status.isResolved() && next.isResolved()) {
                        resolvedAt = event.at();
                    } else if (status.isResolved() && !next.isResolved()) {
                        reopens++;
                        resolvedAt = null;
                    }
                    status = next;
                }
                case QUEUED -> queuedAt = queuedAt == null ? event.at() : queuedAt;
                case ANSWERED -> {
                    if (answeredAt == null) {
                        answeredAt = event.at();
                        answeredBy = event.agentId();
                    }
                }
                case ABANDONED -> abandonedAt = abandonedAt == null ? event.at() : abandonedAt;
                case BLOCKED -> blockedAt = blockedAt == null ? event.at() : blockedAt;
                case HANDLED -> {
                    talk = (talk == null ? 0 : talk) + event.talkSeconds();
                    hold = (hold == null ? 0 : hold) + event.holdSeconds();
                    wrapUp = (wrapUp == null ? 0 : wrapUp) + event.wrapUpSeconds();
                    handledAt = event.at();
                }
                case CUSTOMER_REPLY -> {
                    // Part of the history; no fact of its own.
                }
            }
        }
        return new TicketFacts(status, assignee, firstAssignedAt, firstAssignee, firstReplyAt, firstReplyAgent,
                resolvedAt, reopens, queuedAt, answeredAt, answeredBy, abandonedAt, blockedAt,
                talk, hold, wrapUp, handledAt);
    }
}
