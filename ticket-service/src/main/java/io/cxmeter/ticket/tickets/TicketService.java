package io.cxmeter.ticket.tickets;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxmeter.events.EventType;
import io.cxmeter.events.Priority;
import io.cxmeter.events.TicketEvent;
import io.cxmeter.events.TicketStatus;
import io.cxmeter.imports.ImportKind;
import io.cxmeter.problem.Problem;
import io.cxmeter.problem.ProblemException;
import io.cxmeter.ticket.Cursor;
import io.cxmeter.ticket.Page;
import io.cxmeter.ticket.followups.FollowUpStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;

@ApplicationScoped
public class TicketService {

    /** Clocks differ a little; an event further in the future than this is a mistake. */
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    @Inject
    TicketStore store;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    @Inject
    FollowUpStore followUps;

    private ImportKind<Void, TicketDraft> imports;

    @PostConstruct
    void init() {
        imports = ImportKind.of("tickets", "/api/v1/tickets/import/jobs", new TicketLines(mapper).rules(), store::write);
    }

    /** {@code POST /api/v1/tickets/import}: one ticket with its history a line; re-sent ids replace the ticket. */
    public ImportKind<Void, TicketDraft> imports() {
        return imports;
    }

    public Uni<TicketView> create(String tenantId, TicketRequests.NewTicket request) {
        Instant createdAt = request.createdAt() == null ? now() : request.createdAt().toInstant();
        rejectFuture(createdAt, "createdAt");
        TicketDraft draft = new TicketDraft(request.id(), request.channel(), request.subject(),
                request.priority() == null ? Priority.NORMAL : request.priority(), request.team(), request.customerId(),
                request.tags(), createdAt, List.of());
        return pool.withTransaction(connection -> store.exists(connection, tenantId, request.id()).flatMap(exists -> {
            if (exists) {
                throw ProblemException.conflict("Ticket '" + request.id() + "' exists already.");
            }
            return store.write(connection, tenantId, List.of(draft));
        })).map(written -> TicketView.of(draft));
    }

    /** Appends an event to a live ticket; a status event must be a move the status machine allows. */
    public Uni<TicketView> append(String tenantId, String ticketId, TicketRequests.NewEvent request) {
        Instant at = request.at() == null ? now() : request.at().toInstant();
        rejectFuture(at, "at");
        TicketEvent event = new TicketEvent(request.type(), at, request.agentId(), request.status(),
                request.talkSeconds(), request.holdSeconds(), request.wrapUpSeconds());
        return pool.withTransaction(connection -> append(connection, tenantId, ticketId, List.of(event), null));
    }

    /**
     * Appends events to a live ticket in the caller's transaction, each held to the status machine,
     * and moves the ticket to {@code team} unless null. A follow-up ticket's work keeps in step.
     */
    public Uni<TicketView> append(SqlConnection connection, String tenantId, String ticketId, List<TicketEvent> added,
            String team) {
        return store.lockForUpdate(connection, tenantId, ticketId).flatMap(ticket -> {
            if (ticket == null) {
                throw ProblemException.notFound("No ticket '" + ticketId + "'.");
            }
            List<TicketEvent> events = new ArrayList<>(ticket.events());
            TicketStatus status = ticket.facts().status();
            for (TicketEvent event : added) {
                List<String> problems = new ArrayList<>(event.problems(ticket.createdAt()));
                if (!events.isEmpty() && event.at().isBefore(events.get(events.size() - 1).at())) {
                    problems.add("at " + event.at() + " is before the ticket's latest event; history is rewritten by import, not live");
                }
                if (!problems.isEmpty()) {
                    throw ProblemException.unprocessable(String.join("; ", problems) + ".");
                }
                if (event.type() == EventType.STATUS) {
                    TicketStatusMachine.check(status, event.status());
                    status = event.status();
                }
                events.add(event);
            }
            TicketDraft changed = new TicketDraft(ticket.key(), ticket.channel(), ticket.subject(), ticket.priority(),
                    team == null ? ticket.team() : team, ticket.customerId(), ticket.tags(), ticket.createdAt(), events);
            return store.write(connection, tenantId, List.of(changed))
                    .flatMap(written -> followUps.follow(connection, tenantId, ticketId, added))
                    .map(followed -> TicketView.of(changed));
        });
    }
    public Uni<TicketView> get(String tenantId, String ticketId) {
        return store.find(tenantId, ticketId).map(view -> {
            if (view == null) {
                throw ProblemException.notFound("No ticket '" + ticketId + "'.");
            }
            return view;
        });
    }

    public Uni<Page<TicketView>> list(String tenantId, Map<String, Object> conditions, String cursor, int limit) {
        return store.list(new TicketQuery(tenantId, conditions, decode(cursor), limit + 1)).map(rows -> {
            List<TicketStore.Listed> page = rows.stream().limit(limit).toList();
            String next = rows.size() > limit ? encode(page.get(page.size() - 1).position()) : null;
            return new Page<>(page.stream().map(TicketStore.Listed::ticket).toList(), next);
        });
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }

    private static void rejectFuture(Instant instant, String field) {
        if (instant.isAfter(Instant.now().plus(CLOCK_SKEW))) {
            throw ProblemException.unprocessable(field + " " + instant + " is in the future.",
                    List.of(Problem.Violation.ofField(field, "must not be in the future")));
        }
    }

    private static String encode(TicketQuery.Position position) {
        return new Cursor(position.createdAt(), position.id().toString()).encode();
    }

    private static TicketQuery.Position decode(String cursor) {
        Cursor position = Cursor.decode(cursor);
        if (position == null) {
            return null;
        }
        try {
            return new TicketQuery.Position(position.at(), UUID.fromString(position.id()));
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("The cursor '" + cursor + "' was not issued by this listing.");
        }
    }
}
