package io.cxmeter.ticket.tickets;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Tickets in PostgreSQL through the reactive client, in batches: one write path serves the bulk
 * import and every live change. A write stores the ticket with its derived facts, replaces its
 * history, registers agents on first mention and adds one outbox event, all in the caller's
 * transaction.
 */
@ApplicationScoped
public class TicketStore {

    static final String OUTBOX_TYPE = "ticket.upserted";

    private static final String UPSERT = """
            INSERT INTO ticket (id, tenant_id, ticket_key, channel, subject, priority, team, customer_id, tags,
                created_at, status, assignee, first_assigned_at, first_assignee, first_reply_at, first_reply_agent,
                resolved_at, reopen_count, queued_at, answered_at, answered_by, abandoned_at, blocked_at,
                talk_seconds, hold_seconds, wrap_up_seconds, handled_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20,
                $21, $22, $23, $24, $25, $26, $27, $28)
            ON CONFLICT (tenant_id, ticket_key) DO UPDATE SET
                channel = EXCLUDED.channel, subject = EXCLUDED.subject, priority = EXCLUDED.priority,
                team = EXCLUDED.team, customer_id = EXCLUDED.customer_id, tags = EXCLUDED.tags,
                created_at = EXCLUDED.created_at, status = EXCLUDED.status, assignee = EXCLUDED.assignee,
                first_assigned_at = EXCLUDED.first_assigned_at, first_assignee = EXCLUDED.first_assignee,
                first_reply_at = EXCLUDED.first_reply_at, first_reply_agent = EXCLUDED.first_reply_agent,
                resolved_at = EXCLUDED.resolved_at, reopen_count = EXCLUDED.reopen_count,
                queued_at = EXCLUDED.queued_at, answered_at = EXCLUDED.answered_at,
                answered_by = EXCLUDED.answered_by, abandoned_at = EXCLUDED.abandoned_at,
                blocked_at = EXCLUDED.blocked_at, talk_seconds = EXCLUDED.talk_seconds,
                hold_seconds = EXCLUDED.hold_seconds, wrap_up_seconds = EXCLUDED.wrap_up_seconds,
                handled_at = EXCLUDED.handled_at, updated_at = EXCLUDED.updated_at, version = ticket.version + 1
            RETURNING id, version, (xmax = 0) AS inserted""";

    private static final String INSERT_EVENT = """
            INSERT INTO ticket_event (ticket_id, seq, tenant_id, type, at, agent_id, status, talk_seconds,
                hold_seconds, wrap_up_seconds) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""";

    private static final String MENTION_AGENT = """
            INSERT INTO agent (id, tenant_id, agent_id, name, active, created_at, updated_at)
            VALUES ($1, $2, $3, $3, true, $4, $4) ON CONFLICT (tenant_id, agent_id) DO NOTHING""";

    private static final String INSERT_OUTBOX = """
            INSERT INTO outbox_event (id, tenant_id, type, aggregate_id, occurred_at, payload, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $5)""";

    private static final String SELECT_TICKET = """
            SELECT id, ticket_key, channel, subject, priority, team, customer_id, tags, created_at
            FROM ticket WHERE tenant_id = $1 AND ticket_key = $2""";

    private static final String SELECT_EVENTS = """
            SELECT type, at, agent_id, status, talk_seconds, hold_seconds, wrap_up_seconds
            FROM ticket_event WHERE ticket_id = $1 ORDER BY at, seq""";

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    /** How many tickets a write created and how many it updated. */
    public record Written(int created, int updated) {
    }

    public <T> Uni<T> inTransaction(java.util.function.Function<SqlConnection, Uni<T>> work) {
        return pool.withTransaction(work);
    }

    /** Stores the tickets (creating or replacing each, history included) in the given transaction. */
    public Uni<Written> write(SqlConnection connection, String tenantId, List<TicketDraft> drafts) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        List<Tuple> tickets = new ArrayList<>(drafts.size());
        for (TicketDraft draft : drafts) {
            tickets.add(ticketRow(tenantId, draft, now));
        }
        return connection.preparedQuery(UPSERT).executeBatch(tickets).flatMap(result -> {
            List<UUID> ids = new ArrayList<>(drafts.size());
            List<Integer> versions = new ArrayList<>(drafts.size());
            int created = 0;
            for (RowSet<Row> each = result; each != null; each = each.next()) {
                Row row = each.iterator().next();
                ids.add(row.getUUID("id"));
                versions.add(row.getInteger("version"));
                created += row.getBoolean("inserted") ? 1 : 0;
            }
            Written written = new Written(created, drafts.size() - created);
            return connection.preparedQuery("DELETE FROM ticket_event WHERE ticket_id = ANY($1)")
                    .execute(Tuple.of(ids.toArray(UUID[]::new)))
                    .flatMap(ignored -> batch(connection, INSERT_EVENT, eventRows(tenantId, drafts, ids)))
                    .flatMap(ignored -> batch(connection, MENTION_AGENT, agentRows(tenantId, drafts, now)))
                    .flatMap(ignored -> batch(connection, INSERT_OUTBOX, outboxRows(tenantId, drafts, versions, now)))
                    .map(ignored -> written);
        });
    }

    /** The stored ticket with its history, or null; in the given transaction, locked for update. */
    public Uni<TicketDraft> lockForUpdate(SqlConnection connection, String tenantId, String key) {
        return connection.preparedQuery(SELECT_TICKET + " FOR UPDATE").execute(Tuple.of(tenantId, key))
                .flatMap(rows -> rows.size() == 0 ? Uni.createFrom().nullItem() : withEvents(connection, rows.iterator().next()));
    }

    public Uni<TicketView> find(String tenantId, String key) {
        return pool.withConnection(connection -> connection.preparedQuery(SELECT_TICKET).execute(Tuple.of(tenantId, key))
                .flatMap(rows -> rows.size() == 0 ? Uni.createFrom().nullItem()
                        : withEvents(connection, rows.iterator().next()).map(TicketView::of)));
    }

    /** Whether the tenant has a ticket with this id. */
    public Uni<Boolean> exists(SqlConnection connection, String tenantId, String key) {
        return connection.preparedQuery("SELECT 1 FROM ticket WHERE tenant_id = $1 AND ticket_key = $2")
                .execute(Tuple.of(tenantId, key)).map(rows -> rows.size() > 0);
    }

    /** A listed ticket (no history) and its place in the listing order. */
    public record Listed(TicketView ticket, TicketQuery.Position position) {
    }

    public Uni<List<Listed>> list(TicketQuery query) {
        List<Object> params = new ArrayList<>();
        StringBuilder sql = new StringBuilder("""
                SELECT ticket_key, channel, subject, priority, team, customer_id, tags, created_at, status, assignee,
                    first_assigned_at, first_assignee, first_reply_at, first_reply_agent, resolved_at, reopen_count,
                    queued_at, answered_at, answered_by, abandoned_at, blocked_at, talk_seconds, hold_seconds,
                    wrap_up_seconds, handled_at, id
                FROM ticket WHERE tenant_id = $1""");
        params.add(query.tenantId());
        query.conditions().forEach((condition, value) -> {
            params.add(value);
            sql.append(" AND ").append(condition.replace("?", "$" + params.size()));
        });
        if (query.after() != null) {
            params.add(OffsetDateTime.ofInstant(query.after().createdAt(), ZoneOffset.UTC));
            int at = params.size();
            params.add(query.after().id());
            sql.append(" AND (created_at, id) < ($").append(at).append(", $").append(at + 1).append(")");
        }
        params.add(query.limit());
        sql.append(" ORDER BY created_at DESC, id DESC LIMIT $").append(params.size());
        return pool.preparedQuery(sql.toString()).execute(Tuple.wrap(params)).map(rows -> {
            List<Listed> listed = new ArrayList<>();
            rows.forEach(row -> listed.add(new Listed(summary(row), position(row))));
            return listed;
        });
    }

    private Uni<TicketDraft> withEvents(SqlConnection connection, Row ticket) {
        return connection.preparedQuery(SELECT_EVENTS).execute(Tuple.of(ticket.getUUID("id"))).map(rows -> {
            List<TicketEvent> events = new ArrayList<>();
            rows.forEach(row -> events.add(new TicketEvent(EventType.parse(row.getString("type")).orElseThrow(),
                    row.getOffsetDateTime("at").toInstant(), row.getString("agent_id"),
                    row.getString("status") == null ? null : TicketStatus.parse(row.getString("status")).orElseThrow(),
                    row.getInteger("talk_seconds"), row.getInteger("hold_seconds"), row.getInteger("wrap_up_seconds"))));
            return new TicketDraft(ticket.getString("ticket_key"), Channel.parse(ticket.getString("channel")).orElseThrow(),
                    ticket.getString("subject"), Priority.parse(ticket.getString("priority")).orElseThrow(),
                    ticket.getString("team"), ticket.getString("customer_id"),
                    Arrays.asList(ticket.getArrayOfStrings("tags")), ticket.getOffsetDateTime("created_at").toInstant(),
                    events);
        });
    }

    private static TicketView summary(Row row) {
        TicketFacts facts = new TicketFacts(TicketStatus.parse(row.getString("status")).orElseThrow(),
                row.getString("assignee"), instant(row, "first_assigned_at"), row.getString("first_assignee"),
                instant(row, "first_reply_at"), row.getString("first_reply_agent"), instant(row, "resolved_at"),
                row.getInteger("reopen_count"), instant(row, "queued_at"), instant(row, "answered_at"),
                row.getString("answered_by"), instant(row, "abandoned_at"), instant(row, "blocked_at"),
                row.getInteger("talk_seconds"), row.getInteger("hold_seconds"), row.getInteger("wrap_up_seconds"),
                instant(row, "handled_at"));
        return new TicketView(row.getString("ticket_key"), Channel.parse(row.getString("channel")).orElseThrow(),
                row.getString("subject"), Priority.parse(row.getString("priority")).orElseThrow(), row.getString("team"),
                row.getString("customer_id"), Arrays.asList(row.getArrayOfStrings("tags")),
                instant(row, "created_at"), facts.status(), facts.assignee(), facts, null);
    }

    /** The cursor position of a listed ticket. */
    static TicketQuery.Position position(Row row) {
        return new TicketQuery.Position(instant(row, "created_at"), row.getUUID("id"));
    }

    private static Instant instant(Row row, String column) {
        OffsetDateTime value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Tuple ticketRow(String tenantId, TicketDraft draft, OffsetDateTime now) {
        TicketFacts facts = draft.facts();
        return Tuple.wrap(new ArrayList<>(Arrays.asList(UUID.randomUUID(), tenantId, draft.key(), draft.channel().wire(),
                draft.subject(), draft.priority().wire(), draft.team(), draft.customerId(),
                draft.tags().toArray(String[]::new), utc(draft.createdAt()), facts.status().wire(), facts.assignee(),
                utc(facts.firstAssignedAt()), facts.firstAssignee(), utc(facts.firstReplyAt()), facts.firstReplyAgent(),
                utc(facts.resolvedAt()), facts.reopenCount(), utc(facts.queuedAt()), utc(facts.answeredAt()),
                facts.answeredBy(), utc(facts.abandonedAt()), utc(facts.blockedAt()), facts.talkSeconds(),
                facts.holdSeconds(), facts.wrapUpSeconds(), utc(facts.handledAt()), now)));
    }

    private static List<Tuple> eventRows(String tenantId, List<TicketDraft> drafts, List<UUID> ids) {
        List<Tuple> rows = new ArrayList<>();
        for (int t = 0; t < drafts.size(); t++) {
            List<TicketEvent> events = drafts.get(t).events();
            for (int seq = 0; seq < events.size(); seq++) {
                TicketEvent e = events.get(seq);
                rows.add(Tuple.wrap(new ArrayList<>(Arrays.asList(ids.get(t), seq, tenantId, e.type().wire(), utc(e.at()),
                        e.agentId(), e.status() == null ? null : e.status().wire(), e.talkSeconds(), e.holdSeconds(),
                        e.wrapUpSeconds()))));
            }
        }
        return rows;
    }

    private static List<Tuple> agentRows(String tenantId, List<TicketDraft> drafts, OffsetDateTime now) {
        Set<String> agents = new LinkedHashSet<>();
        drafts.forEach(d -> d.events().stream().map(TicketEvent::agentId).filter(a -> a != null).forEach(agents::add));
        return agents.stream().sorted().map(agent -> Tuple.of(UUID.randomUUID(), tenantId, agent, now)).toList();
    }

    private List<Tuple> outboxRows(String tenantId, List<TicketDraft> drafts, List<Integer> versions, OffsetDateTime now) {
        List<Tuple> rows = new ArrayList<>(drafts.size());
        for (int t = 0; t < drafts.size(); t++) {
            @SuppressWarnings("unchecked")
            Map<String, Object> view = mapper.convertValue(TicketView.of(drafts.get(t)), Map.class);
            view.put("version", versions.get(t));
            rows.add(Tuple.of(UUID.randomUUID(), tenantId, OUTBOX_TYPE, drafts.get(t).key(), now, new JsonObject(view)));
        }
        return rows;
    }

    private static Uni<Void> batch(SqlConnection connection, String sql, List<Tuple> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return connection.preparedQuery(sql).executeBatch(rows).replaceWithVoid();
    }
}
