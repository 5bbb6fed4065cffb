package io.cxmeter.ticket.tickets;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.cxmeter.events.Channel;
import io.cxmeter.events.Priority;
import io.cxmeter.events.TicketEvent;
import io.cxmeter.events.TicketStatus;

/**
 * A ticket as the API shows it: attributes, current status and assignee, derived facts and full
 * history ({@code events}, left out of listings).
 */
public record TicketView(String id, Channel channel, String subject, Priority priority, String team,
        String customerId, List<String> tags, Instant createdAt, TicketStatus status, String assignee,
        TicketFacts facts, @JsonInclude(JsonInclude.Include.NON_NULL) List<TicketEvent> events) {

    static TicketView of(TicketDraft draft) {
        TicketFacts facts = draft.facts();
        return new TicketView(draft.key(), draft.channel(), draft.subject(), draft.priority(), draft.team(),
                draft.customerId(), draft.tags(), draft.createdAt(), facts.status(), facts.assignee(), facts,
                draft.events());
    }
}
