package io.cxmeter.ticket.followups;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.events.EventType;
import io.cxmeter.events.TicketEvent;
import io.cxmeter.ticket.Cursor;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Follow-ups, their notes and the tenant's follow-up rule in PostgreSQL; every query takes the tenant first. */
@ApplicationScoped
public class FollowUpStore {

    /** A follow-up ticket's id is this prefix and the response's id. */
    public static final String TICKET_PREFIX = "followup-";

    static final int DEFAULT_DUE_HOURS = 24;

    private static final String COLUMNS = "id, survey_id, response_key, ticket_key, score, channel, customer_id, agent_id,"
            + " about_ticket, owner_agent, owner_team, status, opened_at, due_at, contacted_at, resolved_at, updated_at";

    @Inject
    Pool pool;

    /** The tenant's rule, or the default one. */
    public record Rule(int dueWithinHours, String queueTeamId) {
    }

    /** What a listing may be narrowed to; null or empty means any. */
    public record Filter(List<FollowUpStatus> statuses, String ownerAgentId, String ownerTeamId, String surveyId,
            String customerId, List<String> responseIds, Boolean overdue, Instant openedFrom, Instant openedTo) {
    }

    public Uni<Boolean> insert(SqlConnection connection, String tenantId, FollowUpView followUp) {
        return connection.preparedQuery("INSERT INTO follow_up (tenant_id, " + COLUMNS + ") VALUES ($1, $2, $3, $4, $5,"
                + " $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) ON CONFLICT DO NOTHING")
                .execute(Tuple.wrap(new ArrayList<>(Arrays.asList(tenantId, followUp.id(), followUp.surveyId(), followUp.responseId(),
                        followUp.ticketId(), followUp.score(), followUp.channel(), followUp.customerId(), followUp.agentId(),
                        followUp.aboutTicketId(), followUp.ownerAgentId(), followUp.ownerTeamId(), followUp.status().wire(),
                        utc(followUp.openedAt()), utc(followUp.dueAt()), utc(followUp.contactedAt()),
                        utc(followUp.resolvedAt()), utc(followUp.updatedAt())))))
                .map(rows -> rows.rowCount() == 1);
    }

    public Uni<FollowUpView> lock(SqlConnection connection, String tenantId, String id) {
        return connection.preparedQuery("SELECT " + COLUMNS + " FROM follow_up WHERE tenant_id = $1 AND id = $2 FOR UPDATE")
                .execute(Tuple.of(tenantId, id))
                .map(rows -> rows.size() == 0 ? null : view(rows.iterator().next(), Instant.now()));
    }

    /** Writes what the workflow decides: status, owners, due time and the times of the moves. */
    public Uni<Void> update(SqlConnection connection, String tenantId, FollowUpView followUp) {
        return connection.preparedQuery("""
                UPDATE follow_up SET owner_agent = $3, owner_team = $4, status = $5, due_at = $6, contacted_at = $7,
                    resolved_at = $8, updated_at = $9
                WHERE tenant_id = $1 AND id = $2""")
                .execute(Tuple.wrap(new ArrayList<>(Arrays.asList(tenantId, followUp.id(), followUp.ownerAgentId(),
                        followUp.ownerTeamId(), followUp.status().wire(), utc(followUp.dueAt()), utc(followUp.contactedAt()),
                        utc(followUp.resolvedAt()), utc(followUp.updatedAt())))))
                .replaceWithVoid();
    }

    /**
     * Keeps a follow-up in step with what happened on its ticket: a resolution resolves it, a
     * reopening opens it again, a reply or a wait on the customer means the customer was contacted,
     * an assignment makes the agent its owner. Nothing for tickets that are not follow-ups.
     */
    public Uni<Void> follow(SqlConnection connection, String tenantId, String ticketKey, List<TicketEvent> events) {
        if (!ticketKey.startsWith(TICKET_PREFIX) || events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (TicketEvent event : events) {
            String change = change(event);
            if (change != null) {
                Tuple args = Tuple.of(tenantId, ticketKey, utc(event.at()));
                if (event.type() == EventType.ASSIGNED) {
                    args.addString(event.agentId());
                }
                chain = chain.flatMap(ignored -> connection.preparedQuery("UPDATE follow_up SET " + change
                        + ", updated_at = greatest(updated_at, $3) WHERE tenant_id = $1 AND ticket_key = $2")
                        .execute(args).replaceWithVoid());
            }
        }
        return chain;
    }

    private static String change(TicketEvent event) {
        if (event.type() == EventType.ASSIGNED) {
            return "owner_agent = $4";
        }
        if (event.type() == EventType.AGENT_REPLY) {
            return "status = CASE WHEN status = 'open' THEN 'contacted' ELSE status END,"
                    + " contacted_at = coalesce(contacted_at, $3)";
        }
        if (event.type() != EventType.STATUS) {
            return null;
        }
        return switch (event.status()) {
            case RESOLVED, CLOSED -> "status = 'resolved', resolved_at = coalesce(resolved_at, $3)";
            case PENDING, ON_HOLD -> "status = CASE WHEN status = 'open' THEN 'contacted' ELSE status END,"
                    + " contacted_at = coalesce(contacted_at, $3)";
            case OPEN, NEW -> "status = CASE WHEN status = 'resolved' THEN 'open' ELSE status END,"
                    + " resolved_at = CASE WHEN status = 'resolved' THEN NULL ELSE resolved_at END";
        };
    }

    /** A page newest first, after the cursor's opening time and follow-up id. */
    public Uni<List<FollowUpView>> list(String tenantId, Filter filter, Cursor after, int limit) {
        List<Object> args = new ArrayList<>(List.of(tenantId, limit));
        StringBuilder where = new StringBuilder("tenant_id = $1");
        Instant now = Instant.now();
        if (after != null) {
            args.add(utc(after.at()));
            args.add(after.id());
            where.append(" AND (opened_at, id) < ($").append(args.size() - 1).append(", $").append(args.size()).append(')');
        }
        if (filter.statuses() != null && !filter.statuses().isEmpty()) {
            args.add(filter.statuses().stream().map(FollowUpStatus::wire).toArray(String[]::new));
            where.append(" AND status = ANY($").append(args.size()).append(')');
        }
        condition(where, args, "owner_agent = ", filter.ownerAgentId());
        condition(where, args, "owner_team = ", filter.ownerTeamId());
        condition(where, args, "survey_id = ", filter.surveyId());
        condition(where, args, "customer_id = ", filter.customerId());
        condition(where, args, "opened_at >= ", utc(filter.openedFrom()));
        condition(where, args, "opened_at < ", utc(filter.openedTo()));
        if (filter.responseIds() != null && !filter.responseIds().isEmpty()) {
            args.add(filter.responseIds().toArray(String[]::new));
            where.append(" AND response_key = ANY($").append(args.size()).append(')');
        }
        if (filter.overdue() != null) {
            args.add(utc(now));
            where.append(filter.overdue() ? " AND status <> 'resolved' AND due_at < $" : " AND NOT (status <> 'resolved' AND due_at < $")
                    .append(args.size()).append(filter.overdue() ? "" : ")");
        }
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM follow_up WHERE " + where
                + " ORDER BY opened_at DESC, id DESC LIMIT $2")
                .execute(Tuple.wrap(args))
                .map(rows -> {
                    List<FollowUpView> page = new ArrayList<>();
                    rows.forEach(row -> page.add(view(row, now)));
                    return page;
                });
    }

    private static void condition(StringBuilder where, List<Object> args, String column, Object value) {
        if (value != null) {
            args.add(value);
            where.append(" AND ").append(column).append('$').append(args.size());
        }
    }

    public Uni<FollowUpView> find(String tenantId, String id) {
        return pool.withConnection(connection -> connection.preparedQuery(
                "SELECT " + COLUMNS + " FROM follow_up WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id))
                .flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().nullItem();
                    }
                    FollowUpView found = view(rows.iterator().next(), Instant.now());
                    return notes(connection, tenantId, id).map(found::withNotes);
                }));
    }

    private Uni<List<FollowUpView.Note>> notes(SqlConnection connection, String tenantId, String id) {
        return connection.preparedQuery("SELECT id, author, text, created_at FROM follow_up_note"
                + " WHERE tenant_id = $1 AND follow_up_id = $2 ORDER BY created_at, id")
                .execute(Tuple.of(tenantId, id))
                .map(rows -> {
                    List<FollowUpView.Note> notes = new ArrayList<>();
                    rows.forEach(row -> notes.add(new FollowUpView.Note(row.getUUID("id").toString(), row.getString("author"),
                            row.getString("text"), row.getOffsetDateTime("created_at").toInstant())));
                    return notes;
                });
    }

    public Uni<FollowUpView.Note> addNote(SqlConnection connection, String tenantId, String followUpId, String author,
            String text, Instant at) {
        UUID id = UUID.randomUUID();
        return connection.preparedQuery("INSERT INTO follow_up_note (id, tenant_id, follow_up_id, author, text, created_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.of(id, tenantId, followUpId, author, text, utc(at)))
                .flatMap(ignored -> connection.preparedQuery("UPDATE follow_up SET updated_at = $3"
                        + " WHERE tenant_id = $1 AND id = $2").execute(Tuple.of(tenantId, followUpId, utc(at))))
                .map(ignored -> new FollowUpView.Note(id.toString(), author, text, at));
    }

    public Uni<Rule> rule(SqlConnection connection, String tenantId) {
        return connection.preparedQuery("SELECT due_within_hours, queue_team FROM follow_up_policy WHERE tenant_id = $1")
                .execute(Tuple.of(tenantId))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return new Rule(DEFAULT_DUE_HOURS, null);
                    }
                    Row row = rows.iterator().next();
                    return new Rule(row.getInteger("due_within_hours"), row.getString("queue_team"));
                });
    }

    public Uni<Rule> rule(String tenantId) {
        return pool.withConnection(connection -> rule(connection, tenantId));
    }

    public Uni<Rule> putRule(String tenantId, Rule rule, Instant at) {
        return pool.preparedQuery("""
                INSERT INTO follow_up_policy (tenant_id, due_within_hours, queue_team, updated_at) VALUES ($1, $2, $3, $4)
                ON CONFLICT (tenant_id) DO UPDATE SET due_within_hours = EXCLUDED.due_within_hours,
                    queue_team = EXCLUDED.queue_team, updated_at = EXCLUDED.updated_at""")
                .execute(Tuple.of(tenantId, rule.dueWithinHours(), rule.queueTeamId(), utc(at)))
                .map(ignored -> rule);
    }

    /** The team of an agent the tenant registered, if any. */
    public Uni<String> teamOf(SqlConnection connection, String tenantId, String agentId) {
        return connection.preparedQuery("SELECT team FROM agent WHERE tenant_id = $1 AND agent_id = $2")
                .execute(Tuple.of(tenantId, agentId))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString("team"));
    }

    /** Erases the follow-ups of a customer with their notes (the ticket stays, without the customer). */
    public Uni<Void> eraseCustomer(SqlConnection connection, String tenantId, String customerId) {
        return connection.preparedQuery("DELETE FROM follow_up WHERE tenant_id = $1 AND customer_id = $2")
                .execute(Tuple.of(tenantId, customerId))
                .flatMap(ignored -> connection.preparedQuery("DELETE FROM follow_up_event WHERE tenant_id = $1 AND customer_id = $2")
                        .execute(Tuple.of(tenantId, customerId)))
                .replaceWithVoid();
    }

    private static FollowUpView view(Row row, Instant now) {
        FollowUpStatus status = FollowUpStatus.parse(row.getString("status")).orElseThrow();
        Instant due = instant(row, "due_at");
        return new FollowUpView(row.getString("id"), row.getString("response_key"), row.getString("survey_id"),
                row.getString("ticket_key"),
                row.getDouble("score"), row.getString("channel"), row.getString("customer_id"), row.getString("agent_id"),
                row.getString("about_ticket"), row.getString("owner_agent"), row.getString("owner_team"), status,
                instant(row, "opened_at"), due, status != FollowUpStatus.RESOLVED && due.isBefore(now),
                instant(row, "contacted_at"), instant(row, "resolved_at"), instant(row, "updated_at"), null);
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }
}
