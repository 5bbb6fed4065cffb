package io.cxmeter.ticket.tickets;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.cxmeter.imports.ImportKind;
import io.cxmeter.problem.Problem;
import io.cxmeter.problem.ProblemException;
import io.cxmeter.ticket.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;

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
        return pool.withTransaction(connection -> store.lockForUpdate(connection, tenantId, ticketId).flatMap(ticket -> {
            if (ticket == null) {
                throw ProblemException.notFound("No ticket '" + ticketId + "'.");
            }
            List<String> problems = new ArrayList<>(event.problems(ticket.createdAt()));
            if (!ticket.events().isEmpty() && at.isBefore(ticket.events().get(ticket.events().size() - 1).at())) {
                problems.add("at " + at + " is before the ticket's latest event; history is rewritten by import, not live");
            }
            if (!problems.isEmpty()) {
                throw ProblemException.unprocessable(String.join("; ", problems) + ".");
            }
            if (event.type() == EventType.STATUS) {
                TicketStatusMachine.check(ticket.facts().status(), event.status());
            }
            List<TicketEvent> events = new ArrayList<>(ticket.events());
            events.add(event);
            TicketDraft changed = new TicketDraft(ticket.key(), ticket.channel(), ticket.subject(), ticket.priority(),
                    ticket.team(), ticket.customerId(), ticket.tags(), ticket.createdAt(), events);
            return store.write(connection, tenantId, List.of(changed)).map(written -> TicketView.of(changed));
        }));
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
        String raw = position.createdAt() + "|" + position.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static TicketQuery.Position decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            return new TicketQuery.Position(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (IllegalArgumentException | DateTimeParseException | ArrayIndexOutOfBoundsException e) {
            throw ProblemException.badRequest("The cursor '" + cursor + "' was not issued by this listing.");
        }
    }

}
