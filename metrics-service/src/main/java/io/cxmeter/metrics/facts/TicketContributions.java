package io.cxmeter.metrics.facts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import io.cxmeter.metrics.facts.AggregateUpdate.Episode;
import io.cxmeter.metrics.rollup.Sketch;
import io.cxmeter.metrics.rollup.State;

/**
 * Reads a ticket's full history the way docs/metrics.md does and says what it contributes to each ticket
 * metric, at which instant and for which agent. Pure: the same ticket always gives the same answer.
 */
public final class TicketContributions {

    /** Waits longer than this go to one overflow bin of the service-level histograms. */
    public static final int MAX_WAIT_BIN = 3600;

    private static final Set<String> WAITING = Set.of("new", "open");
    private static final Set<String> UNRESOLVED = Set.of("new", "open", "pending", "on_hold");
    private static final Set<String> RESOLVED = Set.of("resolved", "closed");
    private static final Set<String> QUEUES = Set.of("call", "chat");

    /** One event of a ticket's history as ticket-service sends it. */
    public record Event(String type, Instant at, String agentId, String status, Integer talkSeconds, Integer holdSeconds,
            Integer wrapUpSeconds) {
    }

    /**
     * A ticket as ticket-service sends it ({@code ticket.upserted}), with the business hours its durations
     * are measured in for {@code clock=business} (none: every hour counts).
     */
    public record Ticket(String id, String channel, String team, String customerId, Instant createdAt, List<Event> events,
            Long version, BusinessClock.Calendar businessHours, SlaPolicy slaPolicy, String priority, List<String> tags) {

        /** The same ticket as the given version. */
        public Ticket withVersion(long other) {
            return new Ticket(id, channel, team, customerId, createdAt, events, other, businessHours, slaPolicy, priority, tags);
        }
    }

    /** The SLA policy a ticket follows: targets in seconds (null: none) and the clock they are measured in. */
    public record SlaPolicy(String id, String name, Long firstReply, Long nextReply, Long resolution, String clock) {
    }

    /** A wait for the next agent reply: from a customer reply until the agent reply that closed it (null: still open). */
    private record Wait(Instant openedAt, Event closedBy) {
    }

    /** The targets of an SLA policy, by the name of their counters. */
    public static final List<String> SLA_TARGETS = List.of("firstReply", "nextReply", "resolution");

    private TicketContributions() {
    }

    public static AggregateUpdate of(Ticket ticket) {
        Objects.requireNonNull(ticket.id(), "id");
        Objects.requireNonNull(ticket.channel(), "channel");
        Objects.requireNonNull(ticket.createdAt(), "createdAt");
        List<Event> events = ticket.events() == null ? List.of()
                : ticket.events().stream().sorted(Comparator.comparing(Event::at)).toList();
        for (Event event : events) {
            Objects.requireNonNull(event.type(), "events[].type");
            Objects.requireNonNull(event.at(), "events[].at");
        }
        return new Reader(ticket, events).read();
    }

    private static final class Reader {

        private final Ticket ticket;
        private final List<Event> events;
        private final List<Contribution> out = new ArrayList<>();
        private final List<Episode> episodes = new ArrayList<>();

        private final BusinessClock clock;

        Reader(Ticket ticket, List<Event> events) {
            this.ticket = ticket;
            this.events = events;
            this.clock = BusinessClock.of(ticket.businessHours());
        }

        /** Business seconds of [a, b): the ticket's business hours, or all of it without any. */
        private double business(Instant a, Instant b) {
            return clock == null ? seconds(a, b) : clock.seconds(a, b);
        }

        /** A duration in both clocks: {@code name} in calendar seconds, {@code name + "b"} in business seconds. */
        private State durations(String name, Instant a, Instant b) {
            return durationState(name, seconds(a, b)).merge(durationState(name + "b", business(a, b)), 1);
        }

        AggregateUpdate read() {
            Instant created = ticket.createdAt();
            boolean queue = QUEUES.contains(ticket.channel());
            boolean call = "call".equals(ticket.channel());
            Event firstReply = first("agent_reply");
            Event firstAssigned = first("assigned");
            Event queued = first("queued");
            Event answered = first("answered");
            Event abandoned = first("abandoned");
            Event blocked = first("blocked");

            add(Family.TICKET, created, assigneeAt(created), new State().add("created", 1)
                    .add("calls", call ? 1 : 0).add("blocked", call && blocked != null ? 1 : 0));
            if (ticket.customerId() != null) {
                out.add(new Contribution(Family.INTERACTION, "", created, null, null, null, null, null, ticket.customerId(),
                        new State().add("interactions", 1)));
            }
            if (firstReply != null) {
                add(Family.TICKET, firstReply.at(), firstReply.agentId(), durations("frt", created, firstReply.at()));
            }
            if (queue && answered != null) {
                Instant queuedAt = queued != null ? queued.at() : created;
                add(Family.TICKET, answered.at(), answered.agentId(), new State()
                        .add("asa.n", 1).add("asa.sum", seconds(queuedAt, answered.at())));
            }
            if (queue && queued != null && blocked == null) {
                State offered = new State().add("sl.queued", 1);
                if (abandoned != null) {
                    // Abandoned under shortAbandonSeconds S ⇔ floor(wait) < S for whole seconds S.
                    offered.record("sl.abandoned", bin(Math.floor(seconds(queued.at(), abandoned.at()))), 1);
                } else if (answered != null) {
                    // Answered within threshold T ⇔ ceil(wait) <= T for whole seconds T.
                    offered.record("sl.answered", bin(Math.ceil(seconds(queued.at(), answered.at()))), 1);
                }
                add(Family.TICKET, queued.at(), assigneeAt(queued.at()), offered);
            }
            handled();
            List<Wait> waits = nextReplies();
            resolutions(created, firstAssigned);
            sla(created, firstReply, waits);
            if (firstAssigned != null) {
                // Counted where it was first assigned, as resolved if it is now; a period ending before a
                // later change of that state is corrected from the episodes (see AggregateUpdate.Episode).
                boolean resolvedNow = !episodes.isEmpty() && episodes.get(episodes.size() - 1).reopenedAt() == null;
                add(Family.ASSIGNMENT, firstAssigned.at(), firstAssigned.agentId(), new State().add("assigned", 1)
                        .add("resolved", resolvedNow ? 1 : 0));
            }
            states(created);
            return new AggregateUpdate(AggregateUpdate.Source.TICKET, ticket.id(),
                    ticket.version() == null ? 0 : ticket.version(), false, out, episodes, null);
        }

        private void handled() {
            double total = 0;
            Instant endedAt = null;
            for (Event event : events) {
                if ("handled".equals(event.type())) {
                    total += nz(event.talkSeconds()) + nz(event.holdSeconds()) + nz(event.wrapUpSeconds());
                    endedAt = event.at();
                }
            }
            if (endedAt != null) {
                add(Family.TICKET, endedAt, assigneeAt(endedAt), new State().add("aht.n", 1).add("aht.sum", total));
            }
        }

        /**
         * After the first agent reply, a customer reply while no wait is open opens a wait and the next
         * agent reply closes it, counted when and by whom it closed; a wait still open counts nowhere.
         */
        private List<Wait> nextReplies() {
            List<Wait> waits = new ArrayList<>();
            boolean replied = false;
            Instant waitingSince = null;
            for (Event event : events) {
                if ("agent_reply".equals(event.type())) {
                    if (replied && waitingSince != null) {
                        add(Family.NEXT_REPLY, event.at(), event.agentId(), durations("nrt", waitingSince, event.at()));
                        waits.add(new Wait(waitingSince, event));
                    }
                    replied = true;
                    waitingSince = null;
                } else if ("customer_reply".equals(event.type()) && replied && waitingSince == null) {
                    waitingSince = event.at();
                }
            }
            if (waitingSince != null) {
                waits.add(new Wait(waitingSince, null));
            }
            return waits;
        }

        /**
         * The ticket's SLA target instances (docs/metrics.md: SLA policies): the first reply, each next-reply
         * wait and the first resolution, each met where it closed within its target (in the policy's clock)
         * or breached where the target elapsed, which for an instance still open may lie ahead: the ticket's
         * next change re-derives it before then if it closes in time.
         */
        private void sla(Instant created, Event firstReply, List<Wait> waits) {
            SlaPolicy policy = ticket.slaPolicy();
            if (policy == null) {
                return;
            }
            BusinessClock slaClock = "business".equals(policy.clock()) ? clock : null;
            if (policy.firstReply() != null) {
                instance("firstReply", created, firstReply == null ? null : firstReply.at(),
                        firstReply == null ? null : firstReply.agentId(), policy.firstReply(), slaClock);
            }
            if (policy.nextReply() != null) {
                for (Wait wait : waits) {
                    instance("nextReply", wait.openedAt(), wait.closedBy() == null ? null : wait.closedBy().at(),
                            wait.closedBy() == null ? null : wait.closedBy().agentId(), policy.nextReply(), slaClock);
                }
            }
            if (policy.resolution() != null) {
                // The episodes hold every resolution in order: the first is the ticket's first resolution.
                Instant resolved = episodes.isEmpty() ? null : episodes.get(0).resolvedAt();
                instance("resolution", created, resolved, resolved == null ? null : assigneeAt(resolved), policy.resolution(),
                        slaClock);
            }
        }

        private void instance(String target, Instant start, Instant end, String closer, long seconds, BusinessClock slaClock) {
            Instant deadline = slaClock == null ? start.plusSeconds(seconds) : slaClock.deadline(start, seconds);
            if (end != null && (deadline == null || !end.isAfter(deadline))) {
                add(Family.SLA, end, closer, new State().add("met", 1).add(target + ".met", 1));
            } else if (deadline != null) {
                add(Family.SLA, deadline, assigneeAt(deadline), new State().add("breached", 1).add(target + ".breached", 1));
            }
        }

        /**
         * Each change from unresolved to resolved or closed opens a resolution; a change back ends it. Every
         * resolution counts where it happened, with what reopen rate and first-contact resolution correct
         * per period (docs/design/rollups.md): whether it follows an earlier resolution of the ticket, whether
         * the ticket's first resolution came after exactly one agent reply (at or before its instant), and
         * whether that first resolution was reopened.
         */
        private void resolutions(Instant created, Event firstAssigned) {
            String status = "new";
            Instant resolvedAt = null;
            boolean first = true;
            boolean firstContact = false;
            Instant previous = null;
            for (Event event : events) {
                if (!"status".equals(event.type()) || event.status() == null) {
                    continue;
                }
                boolean was = RESOLVED.contains(status);
                boolean is = RESOLVED.contains(event.status());
                if (!was && is) {
                    resolvedAt = event.at();
                    firstContact = first && replies(resolvedAt) == 1;
                    first = false;
                } else if (was && !is) {
                    resolution(resolvedAt, previous, firstContact, true);
                    episodes.add(episode(created, resolvedAt, event.at(), previous, firstAssigned, firstContact));
                    previous = resolvedAt;
                    resolvedAt = null;
                }
                status = event.status();
            }
            if (resolvedAt != null) {
                resolution(resolvedAt, previous, firstContact, false);
                episodes.add(episode(created, resolvedAt, null, previous, firstAssigned, firstContact));
                // The lasting resolution counts in any period that contains it. A last resolution that was
                // reopened counts only in periods that end before the reopening: read from the episodes.
                add(Family.TICKET, resolvedAt, assigneeAt(resolvedAt), durations("res", created, resolvedAt));
            }
        }

        private void resolution(Instant resolvedAt, Instant previous, boolean firstContact, boolean reopened) {
            boolean first = previous == null;
            add(Family.RESOLUTION, resolvedAt, assigneeAt(resolvedAt), new State().add("resolutions", 1)
                    .add("first", first ? 1 : 0).add("firstContact", firstContact ? 1 : 0)
                    .add("repeated", first ? 0 : 1).add("reopened", first && reopened ? 1 : 0)
                    .add("firstContactReopened", firstContact && reopened ? 1 : 0));
        }

        private Episode episode(Instant created, Instant resolvedAt, Instant reopenedAt, Instant previous, Event firstAssigned,
                boolean firstContact) {
            return new Episode(resolvedAt, reopenedAt, seconds(created, resolvedAt), business(created, resolvedAt),
                    ticket.channel(), ticket.team(), ticket.priority(), ticket.tags(),
                    assigneeAt(resolvedAt), firstAssigned == null ? null : firstAssigned.at(),
                    firstAssigned == null ? null : firstAssigned.agentId(), firstContact, previous);
        }

        /** Agent replies at or before {@code at}. */
        private long replies(Instant at) {
            return events.stream().filter(e -> "agent_reply".equals(e.type()) && !e.at().isAfter(at)).count();
        }

        /**
         * +1/−1 per agent as the ticket enters and leaves the waiting and unresolved states. All events at
         * one instant apply together: the state at t is what events strictly before t made it.
         */
        private void states(Instant created) {
            Map<Instant, List<Event>> byInstant = new LinkedHashMap<>();
            byInstant.put(created, new ArrayList<>());
            for (Event event : events) {
                byInstant.computeIfAbsent(event.at(), at -> new ArrayList<>()).add(event);
            }
            String status = null;
            String agent = null;
            for (Map.Entry<Instant, List<Event>> instant : byInstant.entrySet()) {
                String nextStatus = status == null ? "new" : status;
                String nextAgent = agent;
                for (Event event : instant.getValue()) {
                    if ("status".equals(event.type()) && event.status() != null) {
                        nextStatus = event.status();
                    } else if ("assigned".equals(event.type())) {
                        nextAgent = event.agentId();
                    }
                }
                Map<String, State> change = new HashMap<>();
                if (status != null) {
                    membership(change, agent, status, -1);
                }
                membership(change, nextAgent, nextStatus, 1);
                change.forEach((who, state) -> {
                    if (!state.isEmpty()) {
                        add(Family.TICKET_STATE, instant.getKey(), who, state);
                    }
                });
                status = nextStatus;
                agent = nextAgent;
            }
        }

        private static void membership(Map<String, State> change, String agent, String status, int sign) {
            State state = change.computeIfAbsent(agent, a -> new State());
            state.add("waiting", WAITING.contains(status) ? sign : 0);
            state.add("unresolved", UNRESOLVED.contains(status) ? sign : 0);
        }

        private Event first(String type) {
            return events.stream().filter(e -> type.equals(e.type())).findFirst().orElse(null);
        }

        /** The latest assignee at or before {@code at}. */
        private String assigneeAt(Instant at) {
            String agent = null;
            for (Event event : events) {
                if (event.at().isAfter(at)) {
                    break;
                }
                if ("assigned".equals(event.type())) {
                    agent = event.agentId();
                }
            }
            return agent;
        }

        private void add(Family family, Instant at, String agent, State state) {
            out.add(new Contribution(family, "", at, ticket.channel(), ticket.team(), agent, null, null, ticket.priority(),
                    ticket.tags(), null, state));
        }
    }

    public static State durationState(String name, double seconds) {
        return new State().add(name + ".n", 1).add(name + ".sum", seconds).record(name, Sketch.bin(seconds), 1);
    }

    static int bin(double seconds) {
        return (int) Math.min(MAX_WAIT_BIN + 1, Math.max(0, seconds));
    }

    static double seconds(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.getSeconds() + d.getNano() / 1e9;
    }

    private static int nz(Integer value) {
        return value == null ? 0 : value;
    }
}
