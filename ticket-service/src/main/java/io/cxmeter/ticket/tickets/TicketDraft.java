package io.cxmeter.ticket.tickets;

import java.time.Instant;
import java.util.List;

import io.cxmeter.events.Channel;
import io.cxmeter.events.Priority;
import io.cxmeter.events.TicketEvent;
import io.cxmeter.events.tickets.TicketHistory;

/** A ticket as given, before it is stored: its attributes and its history in time order. */
public record TicketDraft(String key, Channel channel, String subject, Priority priority, String team,
        String customerId, List<String> tags, Instant createdAt, List<TicketEvent> events) {

    public TicketDraft {
        tags = tags == null ? List.of() : List.copyOf(tags);
        events = TicketHistory.chronological(events == null ? List.of() : events);
    }

    public TicketFacts facts() {
        return TicketFacts.derive(events);
    }
}
