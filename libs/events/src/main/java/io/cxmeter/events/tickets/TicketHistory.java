package io.cxmeter.events.tickets;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import io.cxmeter.events.EventType;
import io.cxmeter.events.TicketEvent;
import io.cxmeter.events.TicketStatus;

/**
 * What a ticket's history means, as docs/metrics.md reads it: its events in time order (events at the
 * same instant keep the order they were given in), who it was assigned to when, its resolutions (a
 * change from an unresolved status to resolved or closed; resolved → closed is no new one) and
 * reopenings, the waits for a next agent reply, and how long its contacts were handled. ticket-service
 * shows these facts on a ticket and metrics-service counts them; both read them here. Pure.
 */
public final class TicketHistory {

    /**
     * One resolution: when it happened, when the ticket was reopened after it (null: it lasts), the
     * ticket's resolution before it (null: the first), and whether it was a first-contact resolution
     * (the ticket's first resolution, after exactly one agent reply at or before it).
     */
    public record Resolution(Instant resolvedAt, Instant reopenedAt, Instant previousResolvedAt, boolean firstContact) {

        public boolean first() {
            return previousResolvedAt == null;
        }

        public boolean reopened() {
            return reopenedAt != null;
        }
    }

    /**
     * A wait for the next agent reply: it opens at a customer reply after the first agent reply, while
     * no wait is open, and the next agent reply closes it ({@code closedBy}; null: still open).
     */
    public record Wait(Instant openedAt, TicketEvent closedBy) {
    }

    /** The ticket's handled contacts: durations summed, and when the last ended. */
    public record Handling(int talkSeconds, int holdSeconds, int wrapUpSeconds, Instant endedAt) {

        public int totalSeconds() {
            return talkSeconds + holdSeconds + wrapUpSeconds;
        }
    }

    private final List<TicketEvent> events;
    private final List<Resolution> resolutions = new ArrayList<>();
    private final TicketStatus status;

    private TicketHistory(List<TicketEvent> events) {
        this.events = events;
        TicketStatus current = TicketStatus.NEW;
        Instant resolvedAt = null;
        Instant previous = null;
        boolean firstContact = false;
        for (TicketEvent event : events) {
            if (event.type() != EventType.STATUS || event.status() == null) {
                continue;
            }
            TicketStatus next = event.status();
            if (!current.isResolved() && next.isResolved()) {
                resolvedAt = event.at();
                firstContact = resolutions.isEmpty() && agentRepliesUpTo(resolvedAt) == 1;
            } else if (current.isResolved() && !next.isResolved()) {
                resolutions.add(new Resolution(resolvedAt, event.at(), previous, firstContact));
                previous = resolvedAt;
                resolvedAt = null;
                firstContact = false;
            }
            current = next;
        }
        if (resolvedAt != null) {
            resolutions.add(new Resolution(resolvedAt, null, previous, firstContact));
        }
        this.status = current;
    }

    /** The history of a ticket with these events, in any order. */
    public static TicketHistory of(List<TicketEvent> events) {
        return new TicketHistory(events == null ? List.of() : chronological(events));
    }

    /** Events in time order; events at the same instant keep the order they were given in. */
    public static List<TicketEvent> chronological(List<TicketEvent> events) {
        return events.stream().sorted(Comparator.comparing(TicketEvent::at)).toList();
    }


    /** Its events in time order. */
    public List<TicketEvent> events() {
        return events;
    }

    /** The first event of a type, or null. */
    public TicketEvent first(EventType type) {
        for (TicketEvent event : events) {
            if (event.type() == type) {
                return event;
            }
        }
        return null;
    }

    /** Its status after every event. */
    public TicketStatus status() {
        return status;
    }

    /** Who it is assigned to after every event, or null. */
    public String assignee() {
        return assigneeAt(Instant.MAX);
    }

    /** Who it was assigned to at {@code at}: the latest assignment at or before it, or null. */
    public String assigneeAt(Instant at) {
        String agent = null;
        for (TicketEvent event : events) {
            if (event.at().isAfter(at)) {
                break;
            }
            if (event.type() == EventType.ASSIGNED) {
                agent = event.agentId();
            }
        }
        return agent;
    }

    /** Every resolution, in order; only the last may last. */
    public List<Resolution> resolutions() {
        return resolutions;
    }

    /** The resolution it stands in now, or null when it is not resolved. */
    public Resolution lastingResolution() {
        Resolution last = resolutions.isEmpty() ? null : resolutions.get(resolutions.size() - 1);
        return last == null || last.reopened() ? null : last;
    }

    /** How often it was reopened. */
    public int reopenCount() {
        return (int) resolutions.stream().filter(Resolution::reopened).count();
    }

    /** Agent replies at or before {@code at}. */
    public long agentRepliesUpTo(Instant at) {
        return events.stream().filter(e -> e.type() == EventType.AGENT_REPLY && !e.at().isAfter(at)).count();
    }

    /** The waits for a next agent reply, in order; the last may be still open. */
    public List<Wait> nextReplyWaits() {
        List<Wait> waits = new ArrayList<>();
        boolean replied = false;
        Instant waitingSince = null;
        for (TicketEvent event : events) {
            if (event.type() == EventType.AGENT_REPLY) {
                if (replied && waitingSince != null) {
                    waits.add(new Wait(waitingSince, event));
                }
                replied = true;
                waitingSince = null;
            } else if (event.type() == EventType.CUSTOMER_REPLY && replied && waitingSince == null) {
                waitingSince = event.at();
            }
        }
        if (waitingSince != null) {
            waits.add(new Wait(waitingSince, null));
        }
        return waits;
    }

    /** Its handled contacts summed, or null when none was handled. */
    public Handling handling() {
        int talk = 0;
        int hold = 0;
        int wrapUp = 0;
        Instant endedAt = null;
        for (TicketEvent event : events) {
            if (event.type() == EventType.HANDLED) {
                talk += nz(event.talkSeconds());
                hold += nz(event.holdSeconds());
                wrapUp += nz(event.wrapUpSeconds());
                endedAt = event.at();
            }
        }
        return endedAt == null ? null : new Handling(talk, hold, wrapUp, endedAt);
    }

    private static int nz(Integer value) {
        return value == null ? 0 : value;
    }
}
