package io.cxmeter.ticket.tickets;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.cxmeter.problem.Problem;

/**
 * Reads the NDJSON of {@code POST /api/v1/tickets/import} (API.md): one ticket a line, its events
 * in any order. Every bad line is reported with its number and what is wrong, so a tenant can fix
 * a whole file in one go; plain Java, no database.
 */
public final class TicketLines {

    static final int MAX_TEXT = 1000;
    static final int MAX_EVENTS = 10_000;

    /** The tickets of a file, or the problems of its bad lines (then {@code tickets} is empty). */
    public record Parsed(List<TicketDraft> tickets, List<Problem.Violation> errors) {
    }

    record EventLine(String type, String at, String agentId, String status, Integer talkSeconds,
            Integer holdSeconds, Integer wrapUpSeconds) {
    }

    record TicketLine(String id, String channel, String subject, String customerId, String priority, String team,
            List<String> tags, String createdAt, List<EventLine> events) {
    }

    private final ObjectReader reader;

    public TicketLines(ObjectMapper mapper) {
        this.reader = mapper.readerFor(TicketLine.class).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    public Parsed parse(String ndjson) {
        List<TicketDraft> tickets = new ArrayList<>();
        List<Problem.Violation> errors = new ArrayList<>();
        Map<String, Integer> firstLineOfId = new HashMap<>();
        String[] lines = ndjson.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            if (lines[i].isBlank()) {
                continue;
            }
            List<String> problems = new ArrayList<>();
            TicketDraft draft = read(lines[i], problems);
            if (draft != null) {
                Integer earlier = firstLineOfId.putIfAbsent(draft.key(), number);
                if (earlier != null) {
                    problems.add("id '" + draft.key() + "' is also on line " + earlier + "; each ticket once per import");
                }
            }
            if (problems.isEmpty()) {
                tickets.add(draft);
            } else {
                problems.forEach(problem -> errors.add(Problem.Violation.ofLine(number, problem)));
            }
        }
        if (tickets.isEmpty() && errors.isEmpty()) {
            errors.add(Problem.Violation.ofLine(1, "the file holds no tickets"));
        }
        return errors.isEmpty() ? new Parsed(tickets, List.of()) : new Parsed(List.of(), errors);
    }

    private TicketDraft read(String text, List<String> problems) {
        TicketLine line;
        try {
            line = reader.readValue(text);
        } catch (JsonProcessingException e) {
            problems.add("not a ticket object: " + e.getOriginalMessage());
            return null;
        }
        if (line == null) {
            problems.add("not a ticket object");
            return null;
        }
        String id = text(line.id(), "id", true, problems);
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
        Instant createdAt = instant(line.createdAt(), "createdAt", problems);
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
        if (!problems.isEmpty()) {
            return null;
        }
        return new TicketDraft(id, channel, text(line.subject(), "subject", false, problems), priority,
                text(line.team(), "team", false, problems), text(line.customerId(), "customerId", false, problems),
                tags, createdAt, events);
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
        Instant at = instant(line.at(), where + ".at", problems);
        if (type == null || at == null || (line.status() != null && status == null)) {
            return null;
        }
        return new TicketEvent(type, at, blankToNull(line.agentId()), status, line.talkSeconds(), line.holdSeconds(),
                line.wrapUpSeconds());
    }

    private static Instant instant(String value, String field, List<String> problems) {
        if (value == null) {
            problems.add(field + " is required (ISO-8601 with offset, e.g. 2026-02-03T08:00:00Z)");
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(field + " '" + value + "' is not an ISO-8601 instant with offset");
            return null;
        }
    }

    private static String text(String value, String field, boolean required, List<String> problems) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(field + " is required");
            }
            return null;
        }
        if (value.length() > MAX_TEXT) {
            problems.add(field + " is longer than " + MAX_TEXT + " characters");
        }
        return value;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
