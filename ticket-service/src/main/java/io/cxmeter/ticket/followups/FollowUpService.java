package io.cxmeter.ticket.followups;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.events.Channel;
import io.cxmeter.events.EventType;
import io.cxmeter.events.Priority;
import io.cxmeter.events.TicketEvent;
import io.cxmeter.events.TicketStatus;
import io.cxmeter.problem.ProblemException;
import io.cxmeter.ticket.Cursor;
import io.cxmeter.ticket.Page;
import io.cxmeter.ticket.tickets.TicketDraft;
import io.cxmeter.ticket.tickets.TicketService;
import io.cxmeter.ticket.tickets.TicketStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

/**
 * The follow-up workflow. A negative answer opens one follow-up, owned by the answer's agent (in
 * the agent's team) or else by the tenant's queue team, due after the tenant's rule; its ticket
 * opens with it. Moving a follow-up moves its ticket in the same transaction, and what happens on
 * the ticket moves the follow-up ({@link FollowUpStore#follow}).
 */
@ApplicationScoped
public class FollowUpService {

    @Inject
    Pool pool;

    @Inject
    FollowUpStore store;

    @Inject
    TicketStore tickets;

    @Inject
    TicketService ticketService;

    /** Opens the follow-up of a negative answer and its ticket; idempotent by the answer's id. */
    public Uni<FollowUpOpened> open(String tenantId, FollowUpRequest request) {
        // survey-service names the answer by its survey and key already; a tenant names its key.
        String prefix = request.surveyId() + ":";
        String id = request.responseId().startsWith(prefix) ? request.responseId() : prefix + request.responseId();
        String key = id.substring(prefix.length());
        String ticketKey = FollowUpStore.TICKET_PREFIX + id;
        Instant now = now();
        return pool.withTransaction(connection -> store.rule(connection, tenantId)
                .flatMap(rule -> ownerTeam(connection, tenantId, request.agentId(), rule).flatMap(team -> {
                    FollowUpView followUp = new FollowUpView(id, key, request.surveyId(), ticketKey,
                            request.score() == null ? null : request.score().doubleValue(), request.channel(),
                            request.customerId(), request.agentId(), request.ticketId(), request.agentId(), team,
                            FollowUpStatus.OPEN, now, now.plus(Duration.ofHours(rule.dueWithinHours())), false, null, null,
                            now, null);
                    return store.insert(connection, tenantId, followUp).flatMap(inserted -> !inserted
                            ? Uni.createFrom().item(new FollowUpOpened(request.responseId(), id, ticketKey, false))
                            : openTicket(connection, tenantId, request, followUp)
                                    .map(ignored -> new FollowUpOpened(request.responseId(), id, ticketKey, true)));
                })));
    }

    private Uni<String> ownerTeam(SqlConnection connection, String tenantId, String agentId, FollowUpStore.Rule rule) {
        if (agentId == null) {
            return Uni.createFrom().item(rule.queueTeamId());
        }
        return store.teamOf(connection, tenantId, agentId).map(team -> team == null ? rule.queueTeamId() : team);
    }

    /** The follow-up ticket, assigned to the owner; kept as it is when it exists already. */
    private Uni<Void> openTicket(SqlConnection connection, String tenantId, FollowUpRequest request, FollowUpView followUp) {
        Channel channel = request.channel() == null ? Channel.API : Channel.parse(request.channel()).orElse(Channel.API);
        List<String> tags = new ArrayList<>(List.of("follow-up", "survey:" + request.surveyId()));
        if (request.ticketId() != null) {
            tags.add("about:" + request.ticketId());
        }
        List<TicketEvent> events = followUp.ownerAgentId() == null ? List.of()
                : List.of(new TicketEvent(EventType.ASSIGNED, followUp.openedAt(), followUp.ownerAgentId(), null, null, null, null));
        TicketDraft ticket = new TicketDraft(followUp.ticketId(), channel,
                "Follow-up of survey response " + followUp.responseId()
                        + (request.score() == null ? "" : " (score " + request.score() + ")"),
                Priority.NORMAL, followUp.ownerTeamId(), request.customerId(), tags, followUp.openedAt(), events);
        return tickets.exists(connection, tenantId, followUp.ticketId()).flatMap(exists -> exists
                ? Uni.createFrom().voidItem()
                : tickets.write(connection, tenantId, List.of(ticket)).replaceWithVoid());
    }

    /** Moves, reassigns or reschedules a follow-up; its ticket follows. */
    public Uni<FollowUpView> change(String tenantId, String id, FollowUpRequests.Changes changes) {
        Instant now = now();
        return pool.withTransaction(connection -> store.lock(connection, tenantId, id).flatMap(current -> {
            FollowUpView found = require(current, id);
            FollowUpStatus status = changes.status() == null ? found.status() : changes.status();
            found.status().checkMove(status);
            String ownerAgent = changes.ownerAgentId() == null ? found.ownerAgentId() : blankToNull(changes.ownerAgentId());
            String ownerTeam = changes.ownerTeamId() == null ? found.ownerTeamId() : blankToNull(changes.ownerTeamId());
            Instant due = changes.dueAt() == null ? found.dueAt() : changes.dueAt().toInstant();
            List<TicketEvent> events = new ArrayList<>();
            if (ownerAgent != null && !ownerAgent.equals(found.ownerAgentId())) {
                events.add(new TicketEvent(EventType.ASSIGNED, now, ownerAgent, null, null, null, null));
            }
            FollowUpView changed = new FollowUpView(found.id(), found.responseId(), found.surveyId(), found.ticketId(), found.score(),
                    found.channel(), found.customerId(), found.agentId(), found.aboutTicketId(), ownerAgent, ownerTeam, status,
                    found.openedAt(), due, status != FollowUpStatus.RESOLVED && due.isBefore(now),
                    status == FollowUpStatus.CONTACTED && found.contactedAt() == null ? now : found.contactedAt(),
                    status == FollowUpStatus.RESOLVED ? (found.resolvedAt() == null ? now : found.resolvedAt()) : null,
                    now, null);
            boolean teamMoved = ownerTeam != null && !ownerTeam.equals(found.ownerTeamId());
            return tickets.lockForUpdate(connection, tenantId, found.ticketId()).flatMap(ticket -> {
                if (ticket == null) {
                    return store.update(connection, tenantId, changed);
                }
                TicketStatus move = status.ticketMove(ticket.facts().status());
                if (move != null) {
                    events.add(new TicketEvent(EventType.STATUS, now, null, move, null, null, null));
                }
                Uni<?> moved = events.isEmpty() && !teamMoved ? Uni.createFrom().voidItem()
                        : ticketService.append(connection, tenantId, found.ticketId(), events, teamMoved ? ownerTeam : null);
                return moved.flatMap(ignored -> store.update(connection, tenantId, changed));
            });
        })).flatMap(changed -> get(tenantId, id));
    }

    public Uni<FollowUpView.Note> addNote(String tenantId, String id, String author, String text) {
        return pool.withTransaction(connection -> store.lock(connection, tenantId, id).flatMap(current -> {
            require(current, id);
            return store.addNote(connection, tenantId, id, author, text.strip(), now());
        }));
    }

    public Uni<FollowUpView> get(String tenantId, String id) {
        return store.find(tenantId, id).map(found -> require(found, id));
    }

    public Uni<Page<FollowUpView>> list(String tenantId, FollowUpStore.Filter filter, String cursor, int limit) {
        return store.list(tenantId, filter, Cursor.decode(cursor), limit + 1).map(rows -> {
            List<FollowUpView> page = rows.stream().limit(limit).toList();
            String next = rows.size() > limit ? new Cursor(page.get(page.size() - 1).openedAt(), page.get(page.size() - 1).id()).encode() : null;
            return new Page<>(page, next);
        });
    }

    public Uni<FollowUpRequests.Policy> policy(String tenantId) {
        return store.rule(tenantId).map(rule -> new FollowUpRequests.Policy(rule.dueWithinHours(), rule.queueTeamId()));
    }

    public Uni<FollowUpRequests.Policy> putPolicy(String tenantId, FollowUpRequests.Policy policy) {
        return store.putRule(tenantId, new FollowUpStore.Rule(policy.dueWithinHours(), policy.queueTeamId()), now())
                .map(rule -> policy);
    }

    private static FollowUpView require(FollowUpView followUp, String id) {
        if (followUp == null) {
            throw ProblemException.notFound("No follow-up '" + id + "'.");
        }
        return followUp;
    }

    private static String blankToNull(String value) {
        return value.isEmpty() ? null : value;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
