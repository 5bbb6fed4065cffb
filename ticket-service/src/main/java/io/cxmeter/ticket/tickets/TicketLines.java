package io.cxmeter.ticket.tickets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxmeter.events.Channel;
import io.cxmeter.events.EventType;
import io.cxmeter.events.Priority;
import io.cxmeter.events.TicketEvent;
import io.cxmeter.events.TicketStatus;
import io.cxmeter.imports.Fields;
import io.cxmeter.imports.NdjsonImport;
import io.cxmeter.imports.TenantIds;

/**
 * Reads the NDJSON of {@code POST /api/v1/tickets/import} (docs/api.md): one ticket a line, its events
 * in any order. Every bad line is reported with its number and what is wrong, so a tenant can fix
 * a whole file in one go; plain Java, no database.
 */
public final class TicketLines {

    static final int MAX_EVENTS = 10_000;

    record EventLine(String type, String at, String agentId, String status, Integer talkSeconds,
            Integer holdSeconds, Integer wrapUpSeconds) {
    }

    record TicketLine(String id, String channel, String subject, String customerId, String priority, String team,
            List<String> tags, String createdAt, List<EventLine> events) {
    }

    private final NdjsonImport<TicketLine, TicketDraft> ndjson;

    public TicketLines(ObjectMapper mapper) {
        this.ndjson = new NdjsonImport<>(mapper, TicketLine.class, TicketLines::validate, TicketDraft::key, "ticket");
    }

    /** The line rules of a ticket file. */
    public NdjsonImport<TicketLine, TicketDraft> rules() {
        return ndjson;
    }

    static TicketDraft validate(TicketLine line, List<String> problems) {
        String id = TenantIds.check(line.id(), "id", true, problems);
        Channel channel = null;
        if (line.channel() == null) {
            problems.add("channel is required (one of " + Channel.allowed() + ")");
        } else {
            channel = Channel.parse(line.channel()).orElse(null);
            if (channel == null) {
                problems.add("channel '" + line.channel() + "' is not one of " + Channel.allowed());
            }
        }
        Priority priority = Priority.NORMAL;
        if (line.priority() != null) {
            priority = Priority.parse(line.priority()).orElse(null);
            if (priority == null) {
                problems.add("priority '" + line.priority() + "' is not one of low, normal, high, urgent");
            }
        }
        Instant createdAt = Fields.instant(line.createdAt(), "createdAt", true, problems);
        List<TicketEvent> events = new ArrayList<>();
        List<EventLine> given = line.events() == null ? List.of() : line.events();
        if (given.size() > MAX_EVENTS) {
            problems.add("more than " + MAX_EVENTS + " events");
        }
        for (int e = 0; e < given.size() && e < MAX_EVENTS; e++) {
            String where = "events[" + e + "]";
            TicketEvent event = event(given.get(e), where, problems);
            if (event != null) {
                // Without a valid createdAt only the event's own fields can be checked.
                event.problems(createdAt == null ? Instant.MIN : createdAt)
                        .forEach(problem -> problems.add(where + ": " + problem));
                events.add(event);
            }
        }
        List<String> tags = line.tags() == null ? List.of() : line.tags();
        if (tags.stream().anyMatch(t -> t == null || t.isBlank() || t.length() > 100
                || t.indexOf(TicketStore.TAG_SEPARATOR) >= 0)) {
            problems.add("tags must be non-empty strings of at most 100 characters without control characters");
        }
        String subject = Fields.text(line.subject(), "subject", false, problems);
        String team = TenantIds.check(line.team(), "team", false, problems);
        String customerId = TenantIds.check(line.customerId(), "customerId", false, problems);
        if (!problems.isEmpty()) {
            return null;
        }
        return new TicketDraft(id, channel, subject, priority, team, customerId, tags, createdAt, events);
    }

    private static TicketEvent event(EventLine line, String where, List<String> problems) {
        if (line == null) {
            problems.add(where + " is empty");
            return null;
        }
        EventType type = line.type() == null ? null : EventType.parse(line.type()).orElse(null);
        if (type == null) {
            problems.add(where + ".type '" + line.type() + "' is not one of " + EventType.allowed());
        }
        TicketStatus status = null;
        if (line.status() != null) {
            status = TicketStatus.parse(line.status()).orElse(null);
            if (status == null) {
                problems.add(where + ".status '" + line.status() + "' is not one of " + TicketStatus.allowed());
            }
        }
        Instant at = Fields.instant(line.at(), where + ".at", true, problems);
        boolean agentValid = line.agentId() == null || line.agentId().isBlank()
                || TenantIds.check(line.agentId(), where + ".agentId", false, problems) != null;
        if (type == null || at == null || (line.status() != null && status == null) || !agentValid) {
            return null;
        }
        return new TicketEvent(type, at, blankToNull(line.agentId()), status, line.talkSeconds(), line.holdSeconds(),
                line.wrapUpSeconds());
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
