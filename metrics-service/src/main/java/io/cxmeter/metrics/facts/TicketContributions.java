package io.cxmeter.metrics.facts;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.cxmeter.events.Channel;
import io.cxmeter.events.EventType;
import io.cxmeter.events.TicketEvent;
import io.cxmeter.events.TicketStatus;
import io.cxmeter.events.TicketUpserted;
import io.cxmeter.events.tickets.TicketHistory;
import io.cxmeter.metrics.facts.AggregateUpdate.Episode;
import io.cxmeter.metrics.rollup.Sketch;
import io.cxmeter.metrics.rollup.State;

/**
 * Says what a ticket's full history ({@link TicketHistory}, the reading of docs/metrics.md it shares with
 * ticket-service) contributes to each ticket metric, at which instant and for which agent. Pure: the same
 * ticket always gives the same answer.
 */
public final class TicketContributions {

    /** Waits longer than this go to one overflow bin of the service-level histograms. */
    public static final int MAX_WAIT_BIN = 3600;

    private TicketContributions() {
    }

    public static AggregateUpdate of(TicketUpserted ticket) {
        Objects.requireNonNull(ticket.id(), "id");
        Objects.requireNonNull(ticket.channel(), "channel");
        Objects.requireNonNull(ticket.createdAt(), "createdAt");
        return new Reader(ticket, TicketHistory.of(ticket.events())).read();
    }

    /** Turns what a ticket's history means ({@link TicketHistory}) into contributions to the rollup families. */
    private static final class Reader {

        private final TicketUpserted ticket;
        private final TicketHistory history;
        private final String channel;
        private final String priority;
        private final List<Contribution> out = new ArrayList<>();
        private final List<Episode> episodes = new ArrayList<>();

        private final BusinessClock clock;

        Reader(TicketUpserted ticket, TicketHistory history) {
            this.ticket = ticket;
            this.history = history;
            this.channel = ticket.channel().wire();
            this.priority = ticket.priority() == null ? null : ticket.priority().wire();
            this.clock = BusinessClock.of(ticket.businessHours());
        }

        /** Business seconds of [a, b): the ticket's business hours, or all of it without any. */
        private double business(Instant a, Instant b) {
            return clock == null ? seconds(a, b) : clock.seconds(a, b);
        }

        /** A duration in both clocks. */
        private State durations(Measure.Clocked duration, Instant a, Instant b) {
            return durationState(duration.calendar(), seconds(a, b)).merge(durationState(duration.business(), business(a, b)), 1);
        }

        AggregateUpdate read() {
            Instant created = ticket.createdAt();
            boolean queue = ticket.channel().queued();
            boolean call = ticket.channel() == Channel.CALL;
            TicketEvent firstReply = history.first(EventType.AGENT_REPLY);
            TicketEvent firstAssigned = history.first(EventType.ASSIGNED);
            TicketEvent queued = history.first(EventType.QUEUED);
            TicketEvent answered = history.first(EventType.ANSWERED);
            TicketEvent abandoned = history.first(EventType.ABANDONED);
            TicketEvent blocked = history.first(EventType.BLOCKED);

            add(Family.TICKET, created, history.assigneeAt(created), new State().add(Counters.Ticket.CREATED, 1)
                    .add(Counters.Ticket.CALLS, call ? 1 : 0).add(Counters.Ticket.BLOCKED, call && blocked != null ? 1 : 0));
            if (ticket.customerId() != null) {
                out.add(new Contribution(Family.INTERACTION, "", created, null, null, null, null, null, ticket.customerId(),
                        new State().add(Counters.Interaction.INTERACTIONS, 1)));
            }
            if (firstReply != null) {
                add(Family.TICKET, firstReply.at(), firstReply.agentId(), durations(Measure.Clocked.FIRST_REPLY, created, firstReply.at()));
            }
            if (queue && answered != null) {
                Instant queuedAt = queued != null ? queued.at() : created;
                add(Family.TICKET, answered.at(), answered.agentId(), new State()
                        .add(Measure.ASA.n(), 1).add(Measure.ASA.sum(), seconds(queuedAt, answered.at())));
            }
            if (queue && queued != null && blocked == null) {
                State offered = new State().add(Counters.Ticket.SL_QUEUED, 1);
                if (abandoned != null) {
                    // Abandoned under shortAbandonSeconds S ⇔ floor(wait) < S for whole seconds S.
                    offered.record(Histogram.SL_ABANDONED, bin(Math.floor(seconds(queued.at(), abandoned.at()))), 1);
                } else if (answered != null) {
                    // Answered within threshold T ⇔ ceil(wait) <= T for whole seconds T.
                    offered.record(Histogram.SL_ANSWERED, bin(Math.ceil(seconds(queued.at(), answered.at()))), 1);
                }
                add(Family.TICKET, queued.at(), history.assigneeAt(queued.at()), offered);
            }
            TicketHistory.Handling handling = history.handling();
            if (handling != null) {
                add(Family.TICKET, handling.endedAt(), history.assigneeAt(handling.endedAt()), new State().add(Measure.AHT.n(), 1)
                        .add(Measure.AHT.sum(), handling.totalSeconds()));
            }
            List<TicketHistory.Wait> waits = history.nextReplyWaits();
            for (TicketHistory.Wait wait : waits) {
                if (wait.closedBy() != null) {
                    add(Family.NEXT_REPLY, wait.closedBy().at(), wait.closedBy().agentId(),
                            durations(Measure.Clocked.NEXT_REPLY, wait.openedAt(), wait.closedBy().at()));
                }
            }
            resolutions(created, firstAssigned);
            sla(created, firstReply, waits);
            if (firstAssigned != null) {
                // Counted where it was first assigned, as resolved if it is now; a period ending before a
                // later change of that state is corrected from the episodes (see AggregateUpdate.Episode).
                add(Family.ASSIGNMENT, firstAssigned.at(), firstAssigned.agentId(), new State().add(Counters.Assignment.ASSIGNED, 1)
                        .add(Counters.Assignment.RESOLVED, history.lastingResolution() != null ? 1 : 0));
            }
            states(created);
            return new AggregateUpdate(AggregateUpdate.Source.TICKET, ticket.id(),
                    ticket.version() == null ? 0 : ticket.version(), false, out, episodes, null);
        }

        /**
         * The ticket's SLA target instances (docs/metrics.md: SLA policies): the first reply, each next-reply
         * wait and the first resolution, each met where it closed within its target (in the policy's clock)
         * or breached where the target elapsed, which for an instance still open may lie ahead: the ticket's
         * next change re-derives it before then if it closes in time.
         */
        private void sla(Instant created, TicketEvent firstReply, List<TicketHistory.Wait> waits) {
            TicketUpserted.SlaPolicy policy = ticket.slaPolicy();
            if (policy == null) {
                return;
            }
            BusinessClock slaClock = "business".equals(policy.clock()) ? clock : null;
            if (policy.firstReply() != null) {
                instance(SlaTarget.FIRST_REPLY, created, firstReply == null ? null : firstReply.at(),
                        firstReply == null ? null : firstReply.agentId(), policy.firstReply(), slaClock);
            }
            if (policy.nextReply() != null) {
                for (TicketHistory.Wait wait : waits) {
                    instance(SlaTarget.NEXT_REPLY, wait.openedAt(), wait.closedBy() == null ? null : wait.closedBy().at(),
                            wait.closedBy() == null ? null : wait.closedBy().agentId(), policy.nextReply(), slaClock);
                }
            }
            if (policy.resolution() != null) {
                List<TicketHistory.Resolution> resolutions = history.resolutions();
                Instant resolved = resolutions.isEmpty() ? null : resolutions.get(0).resolvedAt();
                instance(SlaTarget.RESOLUTION, created, resolved, resolved == null ? null : history.assigneeAt(resolved),
                        policy.resolution(), slaClock);
            }
        }

        private void instance(SlaTarget target, Instant start, Instant end, String closer, long seconds, BusinessClock slaClock) {
            Instant deadline = slaClock == null ? start.plusSeconds(seconds) : slaClock.deadline(start, seconds);
            if (end != null && (deadline == null || !end.isAfter(deadline))) {
                add(Family.SLA, end, closer, new State().add(Counters.Sla.MET, 1).add(target.met(), 1));
            } else if (deadline != null) {
                add(Family.SLA, deadline, history.assigneeAt(deadline), new State().add(Counters.Sla.BREACHED, 1)
                        .add(target.breached(), 1));
            }
        }

        /**
         * Every resolution counts where it happened, with what reopen rate and first-contact resolution correct
         * per period (docs/design/rollups.md): whether it follows an earlier resolution of the ticket, whether
         * it was the ticket's first-contact resolution, and whether that first resolution was reopened. Each is
         * an episode; the lasting one also counts its resolution time.
         */
        private void resolutions(Instant created, TicketEvent firstAssigned) {
            for (TicketHistory.Resolution r : history.resolutions()) {
                Instant resolvedAt = r.resolvedAt();
                add(Family.RESOLUTION, resolvedAt, history.assigneeAt(resolvedAt), new State()
                        .add(Counters.Resolution.RESOLUTIONS, 1).add(Counters.Resolution.FIRST, r.first() ? 1 : 0)
                        .add(Counters.Resolution.FIRST_CONTACT, r.firstContact() ? 1 : 0)
                        .add(Counters.Resolution.REPEATED, r.first() ? 0 : 1)
                        .add(Counters.Resolution.REOPENED, r.first() && r.reopened() ? 1 : 0)
                        .add(Counters.Resolution.FIRST_CONTACT_REOPENED, r.firstContact() && r.reopened() ? 1 : 0));
                episodes.add(new Episode(resolvedAt, r.reopenedAt(), seconds(created, resolvedAt), business(created, resolvedAt),
                        channel, ticket.team(), priority, ticket.tags(), history.assigneeAt(resolvedAt),
                        firstAssigned == null ? null : firstAssigned.at(), firstAssigned == null ? null : firstAssigned.agentId(),
                        r.firstContact(), r.previousResolvedAt()));
                if (!r.reopened()) {
                    // The lasting resolution counts in any period that contains it. A last resolution that was
                    // reopened counts only in periods that end before the reopening: read from the episodes.
                    add(Family.TICKET, resolvedAt, history.assigneeAt(resolvedAt), durations(Measure.Clocked.RESOLUTION, created, resolvedAt));
                }
            }
        }

        /**
         * +1/−1 per agent as the ticket enters and leaves the waiting and unresolved states. All events at
         * one instant apply together: the state at t is what events strictly before t made it.
         */
        private void states(Instant created) {
            Map<Instant, List<TicketEvent>> byInstant = new LinkedHashMap<>();
            byInstant.put(created, new ArrayList<>());
            for (TicketEvent event : history.events()) {
                byInstant.computeIfAbsent(event.at(), at -> new ArrayList<>()).add(event);
            }
            TicketStatus status = null;
            String agent = null;
            for (Map.Entry<Instant, List<TicketEvent>> instant : byInstant.entrySet()) {
                TicketStatus nextStatus = status == null ? TicketStatus.NEW : status;
                String nextAgent = agent;
                for (TicketEvent event : instant.getValue()) {
                    if (event.type() == EventType.STATUS && event.status() != null) {
                        nextStatus = event.status();
                    } else if (event.type() == EventType.ASSIGNED) {
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

        private static void membership(Map<String, State> change, String agent, TicketStatus status, int sign) {
            State state = change.computeIfAbsent(agent, a -> new State());
            state.add(Counters.TicketState.WAITING, status.isWaiting() ? sign : 0);
            state.add(Counters.TicketState.UNRESOLVED, status.isResolved() ? 0 : sign);
        }

        private void add(Family family, Instant at, String agent, State state) {
            out.add(new Contribution(family, "", at, channel, ticket.team(), agent, null, null, priority,
                    ticket.tags(), null, state));
        }
    }

    /** One duration of {@code seconds}: counted, summed and binned. */
    public static State durationState(Measure measure, double seconds) {
        return new State().add(measure.n(), 1).add(measure.sum(), seconds).record(measure.histogram(), Sketch.bin(seconds), 1);
    }

    static int bin(double seconds) {
        return (int) Math.min(MAX_WAIT_BIN + 1, Math.max(0, seconds));
    }

    static double seconds(Instant from, Instant to) {
        Duration d = Duration.between(from, to);
        return d.getSeconds() + d.getNano() / 1e9;
    }
}
