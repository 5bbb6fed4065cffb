package io.cxmeter.ticket.tickets;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.events.Channel;
import io.cxmeter.events.EventType;
import io.cxmeter.events.Priority;
import io.cxmeter.events.TicketEvent;
import io.cxmeter.events.TicketStatus;
import io.cxmeter.events.TicketUpserted;
import io.cxmeter.imports.ImportResult;
import io.cxmeter.outbox.Outbox;
import io.cxmeter.ticket.agents.AgentMentions;
import io.cxmeter.ticket.triggers.StateChanges;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Tickets in PostgreSQL through the reactive client, as arrays: one write path serves the bulk
 * import and every live change. A write stores the ticket with its derived facts, replaces its
 * history, registers agents on first mention, adds one outbox event and notes a recent status
 * change for survey-service, all in the caller's transaction.
 */
@ApplicationScoped
public class TicketStore {


    /** Tags travel as one string each, joined by this character, since arrays of arrays cannot be unnested. */
    static final char TAG_SEPARATOR = '\u001f';

    /** Rows go to PostgreSQL as arrays, one statement per table and chunk, not one statement per row. */
    private static final int CHUNK = 5_000;

    private static final String UPSERT = """
            INSERT INTO ticket (id, tenant_id, ticket_key, channel, subject, priority, team, customer_id, tags,
                created_at, status, assignee, first_assigned_at, first_assignee, first_reply_at, first_reply_agent,
                resolved_at, reopen_count, queued_at, answered_at, answered_by, abandoned_at, blocked_at,
                talk_seconds, hold_seconds, wrap_up_seconds, handled_at, updated_at)
            SELECT u.id, $1, u.ticket_key, u.channel, u.subject, u.priority, u.team, u.customer_id,
                CASE WHEN u.tags = '' THEN '{}'::text[] ELSE string_to_array(u.tags, chr(31)) END,
                u.created_at, u.status, u.assignee, u.first_assigned_at, u.first_assignee, u.first_reply_at,
                u.first_reply_agent, u.resolved_at, u.reopen_count, u.queued_at, u.answered_at, u.answered_by,
                u.abandoned_at, u.blocked_at, u.talk_seconds, u.hold_seconds, u.wrap_up_seconds, u.handled_at, $2
            FROM unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[],
                $11::timestamptz[], $12::text[], $13::text[], $14::timestamptz[], $15::text[], $16::timestamptz[],
                $17::text[], $18::timestamptz[], $19::int[], $20::timestamptz[], $21::timestamptz[], $22::text[],
                $23::timestamptz[], $24::timestamptz[], $25::int[], $26::int[], $27::int[], $28::timestamptz[])
                AS u(id, ticket_key, channel, subject, priority, team, customer_id, tags, created_at, status, assignee,
                first_assigned_at, first_assignee, first_reply_at, first_reply_agent, resolved_at, reopen_count,
                queued_at, answered_at, answered_by, abandoned_at, blocked_at, talk_seconds, hold_seconds,
                wrap_up_seconds, handled_at)
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
            RETURNING ticket_key, id, version, (xmax = 0) AS inserted""";

    private static final String INSERT_EVENTS = """
            INSERT INTO ticket_event (ticket_id, seq, tenant_id, type, at, agent_id, status, talk_seconds,
                hold_seconds, wrap_up_seconds)
            SELECT u.ticket_id, u.seq, $1, u.type, u.at, u.agent_id, u.status, u.talk, u.hold, u.wrap
            FROM unnest($2::uuid[], $3::int[], $4::text[], $5::timestamptz[], $6::text[], $7::text[], $8::int[],
                $9::int[], $10::int[]) AS u(ticket_id, seq, type, at, agent_id, status, talk, hold, wrap)""";

    private static final String SELECT_TICKET = """
            SELECT id, ticket_key, channel, subject, priority, team, customer_id, tags, created_at
            FROM ticket WHERE tenant_id = $1 AND ticket_key = $2""";

    private static final String SELECT_EVENTS = """
            SELECT type, at, agent_id, status, talk_seconds, hold_seconds, wrap_up_seconds
            FROM ticket_event WHERE ticket_id = $1 ORDER BY at, seq""";

    @Inject
    Pool pool;

    @Inject
    Outbox outbox;

    @Inject
    AgentMentions agents;

    @Inject
    StateChanges stateChanges;

    @Inject
    TicketMeasures measures;

    /** Stores the tickets (creating or replacing each, history included) in the given transaction. */
    public Uni<ImportResult> write(SqlConnection connection, String tenantId, List<TicketDraft> drafts) {
        return write(connection, tenantId, outbox.zone(), drafts);
    }

    /** As above, with events in the tenant's time zone {@code zone} (work that outlives its request). */
    public Uni<ImportResult> write(SqlConnection connection, String tenantId, String zone, List<TicketDraft> drafts) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        Uni<ImportResult> total = Uni.createFrom().item(new ImportResult(0, 0));
        for (int from = 0; from < drafts.size(); from += CHUNK) {
            List<TicketDraft> chunk = drafts.subList(from, Math.min(drafts.size(), from + CHUNK));
            total = total.flatMap(sum -> writeChunk(connection, tenantId, zone, chunk, now).map(sum::plus));
        }
        return total;
    }

    private Uni<ImportResult> writeChunk(SqlConnection connection, String tenantId, String zone, List<TicketDraft> drafts,
            OffsetDateTime now) {
        // Facts are derived once per ticket; every statement below reads them from the view.
        List<TicketView> views = drafts.stream().map(TicketView::of).toList();
        return connection.preparedQuery(UPSERT).execute(ticketRows(tenantId, views, now)).flatMap(rows -> {
            Map<String, UUID> ids = new HashMap<>();
            Map<String, Integer> versions = new HashMap<>();
            int created = 0;
            for (Row row : rows) {
                ids.put(row.getString("ticket_key"), row.getUUID("id"));
                versions.put(row.getString("ticket_key"), row.getInteger("version"));
                created += row.getBoolean("inserted") ? 1 : 0;
            }
            ImportResult written = new ImportResult(created, views.size() - created);
            return connection.preparedQuery("DELETE FROM ticket_event WHERE ticket_id = ANY($1)")
                    .execute(Tuple.of(ids.values().toArray(UUID[]::new)))
                    .flatMap(ignored -> connection.preparedQuery(INSERT_EVENTS).execute(eventRows(tenantId, views, ids)))
                    .flatMap(ignored -> agents.mention(connection, tenantId, views.stream()
                            .flatMap(v -> v.events().stream().map(TicketEvent::agentId)).toList(), now))
                    .flatMap(ignored -> send(connection, tenantId, zone, views, versions, now))
                    .flatMap(ignored -> stateChanges.note(connection, tenantId, zone, views, now))
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
            rows.forEach(row -> events.add(event(row)));
            return draft(ticket, events);
        });
    }

    /**
     * Sends up to {@code limit} of the tenant's stored tickets after {@code afterKey} (in key order) to
     * metrics-service again, each as a new version of itself, in the given transaction: locked, their
     * version raised and their outbox events added. The keys sent (none: nothing is left).
     */
    public Uni<List<String>> resend(SqlConnection connection, String tenantId, String zone, String afterKey, int limit) {
        String sql = """
                UPDATE ticket t SET version = t.version + 1
                FROM (SELECT id FROM ticket WHERE tenant_id = $1 AND ticket_key > $2 ORDER BY ticket_key LIMIT $3 FOR UPDATE) n
                WHERE t.id = n.id
                RETURNING t.id, t.ticket_key, t.channel, t.subject, t.priority, t.team, t.customer_id, t.tags, t.created_at,
                          t.version""";
        return connection.preparedQuery(sql).execute(Tuple.of(tenantId, afterKey, limit)).flatMap(tickets -> {
            if (tickets.size() == 0) {
                return Uni.createFrom().item(List.<String>of());
            }
            Map<UUID, Row> byId = new HashMap<>();
            tickets.forEach(row -> byId.put(row.getUUID("id"), row));
            return connection.preparedQuery("""
                    SELECT ticket_id, type, at, agent_id, status, talk_seconds, hold_seconds, wrap_up_seconds
                    FROM ticket_event WHERE ticket_id = ANY($1) ORDER BY at, seq""")
                    .execute(Tuple.of(byId.keySet().toArray(UUID[]::new))).flatMap(rows -> {
                        Map<UUID, List<TicketEvent>> events = new HashMap<>();
                        rows.forEach(row -> events.computeIfAbsent(row.getUUID("ticket_id"), id -> new ArrayList<>()).add(event(row)));
                        List<TicketView> views = new ArrayList<>();
                        Map<String, Integer> versions = new HashMap<>();
                        byId.forEach((id, row) -> {
                            views.add(TicketView.of(draft(row, events.getOrDefault(id, List.of()))));
                            versions.put(row.getString("ticket_key"), row.getInteger("version"));
                        });
                        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
                        return send(connection, tenantId, zone, views, versions, now)
                                .map(ignored -> views.stream().map(TicketView::id).toList());
                    });
        });
    }

    private static TicketEvent event(Row row) {
        return new TicketEvent(EventType.parse(row.getString("type")).orElseThrow(),
                row.getOffsetDateTime("at").toInstant(), row.getString("agent_id"),
                row.getString("status") == null ? null : TicketStatus.parse(row.getString("status")).orElseThrow(),
                row.getInteger("talk_seconds"), row.getInteger("hold_seconds"), row.getInteger("wrap_up_seconds"));
    }

    private static TicketDraft draft(Row ticket, List<TicketEvent> events) {
        return new TicketDraft(ticket.getString("ticket_key"), Channel.parse(ticket.getString("channel")).orElseThrow(),
                ticket.getString("subject"), Priority.parse(ticket.getString("priority")).orElseThrow(),
                ticket.getString("team"), ticket.getString("customer_id"),
                Arrays.asList(ticket.getArrayOfStrings("tags")), ticket.getOffsetDateTime("created_at").toInstant(),
                events);
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

    private static Tuple ticketRows(String tenantId, List<TicketView> views, OffsetDateTime now) {
        int n = views.size();
        UUID[] id = new UUID[n];
        String[] key = new String[n], channel = new String[n], subject = new String[n], priority = new String[n],
                team = new String[n], customer = new String[n], tags = new String[n], status = new String[n],
                assignee = new String[n], firstAssignee = new String[n], firstReplyAgent = new String[n],
                answeredBy = new String[n];
        OffsetDateTime[] created = new OffsetDateTime[n], firstAssignedAt = new OffsetDateTime[n],
                firstReplyAt = new OffsetDateTime[n], resolvedAt = new OffsetDateTime[n], queuedAt = new OffsetDateTime[n],
                answeredAt = new OffsetDateTime[n], abandonedAt = new OffsetDateTime[n], blockedAt = new OffsetDateTime[n],
                handledAt = new OffsetDateTime[n];
        Integer[] reopens = new Integer[n], talk = new Integer[n], hold = new Integer[n], wrapUp = new Integer[n];
        for (int i = 0; i < n; i++) {
            TicketView d = views.get(i);
            TicketFacts f = d.facts();
            id[i] = UUID.randomUUID();
            key[i] = d.id();
            channel[i] = d.channel().wire();
            subject[i] = d.subject();
            priority[i] = d.priority().wire();
            team[i] = d.team();
            customer[i] = d.customerId();
            tags[i] = String.join(String.valueOf(TAG_SEPARATOR), d.tags());
            created[i] = utc(d.createdAt());
            status[i] = f.status().wire();
            assignee[i] = f.assignee();
            firstAssignedAt[i] = utc(f.firstAssignedAt());
            firstAssignee[i] = f.firstAssignee();
            firstReplyAt[i] = utc(f.firstReplyAt());
            firstReplyAgent[i] = f.firstReplyAgent();
            resolvedAt[i] = utc(f.resolvedAt());
            reopens[i] = f.reopenCount();
            queuedAt[i] = utc(f.queuedAt());
            answeredAt[i] = utc(f.answeredAt());
            answeredBy[i] = f.answeredBy();
            abandonedAt[i] = utc(f.abandonedAt());
            blockedAt[i] = utc(f.blockedAt());
            talk[i] = f.talkSeconds();
            hold[i] = f.holdSeconds();
            wrapUp[i] = f.wrapUpSeconds();
            handledAt[i] = utc(f.handledAt());
        }
        return Tuple.wrap(new ArrayList<>(Arrays.asList(tenantId, now, id, key, channel, subject, priority, team, customer,
                tags, created, status, assignee, firstAssignedAt, firstAssignee, firstReplyAt, firstReplyAgent, resolvedAt,
                reopens, queuedAt, answeredAt, answeredBy, abandonedAt, blockedAt, talk, hold, wrapUp, handledAt)));
    }

    private static Tuple eventRows(String tenantId, List<TicketView> views, Map<String, UUID> ids) {
        int n = views.stream().mapToInt(v -> v.events().size()).sum();
        UUID[] ticket = new UUID[n];
        Integer[] seq = new Integer[n], talk = new Integer[n], hold = new Integer[n], wrapUp = new Integer[n];
        String[] type = new String[n], agent = new String[n], status = new String[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        int i = 0;
        for (TicketView view : views) {
            UUID ticketId = ids.get(view.id());
            List<TicketEvent> events = view.events();
            for (int s = 0; s < events.size(); s++, i++) {
                TicketEvent e = events.get(s);
                ticket[i] = ticketId;
                seq[i] = s;
                type[i] = e.type().wire();
                at[i] = utc(e.at());
                agent[i] = e.agentId();
                status[i] = e.status() == null ? null : e.status().wire();
                talk[i] = e.talkSeconds();
                hold[i] = e.holdSeconds();
                wrapUp[i] = e.wrapUpSeconds();
            }
        }
        return Tuple.wrap(new ArrayList<>(Arrays.asList(tenantId, ticket, seq, type, at, agent, status, talk, hold, wrapUp)));
    }

    /**
     * Adds each ticket's outbox event, in the given transaction: its history, with the version that
     * orders its events and what it is measured with ({@link TicketMeasures}).
     */
    private Uni<Void> send(SqlConnection connection, String tenantId, String zone, List<TicketView> views,
            Map<String, Integer> versions, OffsetDateTime now) {
        return measures.load(connection, tenantId).flatMap(measured -> {
            List<TicketUpserted> events = views.stream().map(view -> measured.event(view, versions.get(view.id()))).toList();
            return outbox.add(connection, tenantId, events, now, zone);
        });
    }
}
