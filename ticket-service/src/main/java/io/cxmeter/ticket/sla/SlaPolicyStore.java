package io.cxmeter.ticket.sla;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.events.TicketUpserted;
import io.cxmeter.ticket.tickets.TicketResend;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * A tenant's SLA policies, in the order tickets try them. A change re-measures every ticket: in its
 * transaction, the tenant's tickets are queued to be sent again with the policies now in force.
 */
@ApplicationScoped
public class SlaPolicyStore {

    private static final String COLUMNS = "id, name, position, priorities, channels, first_reply, next_reply, resolution, clock";
    private static final String ORDER = " ORDER BY position, id";

    @Inject
    Pool pool;

    @Inject
    TicketResend resend;

    public Uni<List<SlaPolicy>> list(String tenantId) {
        return pool.withConnection(connection -> policies(connection, tenantId));
    }

    /** The tenant's policies in the order a ticket tries them, in the caller's transaction. */
    public Uni<List<SlaPolicy>> policies(SqlConnection connection, String tenantId) {
        return connection.preparedQuery("SELECT " + COLUMNS + " FROM sla_policy WHERE tenant_id = $1" + ORDER)
                .execute(Tuple.of(tenantId)).map(rows -> {
                    List<SlaPolicy> out = new ArrayList<>();
                    rows.forEach(row -> out.add(policy(row)));
                    return out;
                });
    }

    public Uni<SlaPolicy> get(String tenantId, UUID id) {
        return pool.preparedQuery("SELECT " + COLUMNS + " FROM sla_policy WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id)).map(rows -> rows.size() == 0 ? null : policy(rows.iterator().next()));
    }

    /** Creates or replaces the (normalized) policy; null when replacing one that does not exist. */
    public Uni<SlaPolicy> put(String tenantId, SlaPolicy policy, boolean create, String zone) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
        String sql = create
                ? "INSERT INTO sla_policy (" + COLUMNS + ", tenant_id, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
                        + " RETURNING " + COLUMNS
                : "UPDATE sla_policy SET name = $2, position = $3, priorities = $4, channels = $5, first_reply = $6,"
                        + " next_reply = $7, resolution = $8, clock = $9, updated_at = $11 WHERE id = $1 AND tenant_id = $10"
                        + " RETURNING " + COLUMNS;
        Tuple values = Tuple.wrap(new ArrayList<>(Arrays.asList(policy.id(), policy.name(), policy.position(),
                policy.priorities().toArray(String[]::new), policy.channels().toArray(String[]::new), policy.firstReply(),
                policy.nextReply(), policy.resolution(), policy.clock(), tenantId, now)));
        return pool.withTransaction(connection -> connection.preparedQuery(sql).execute(values).flatMap(rows -> rows.size() == 0
                ? Uni.createFrom().nullItem()
                : resend.queue(connection, tenantId, zone).map(ignored -> policy(rows.iterator().next()))));
    }

    public Uni<Boolean> delete(String tenantId, UUID id, String zone) {
        return pool.withTransaction(connection -> connection.preparedQuery("DELETE FROM sla_policy WHERE tenant_id = $1 AND id = $2")
                .execute(Tuple.of(tenantId, id)).flatMap(rows -> rows.rowCount() == 0 ? Uni.createFrom().item(false)
                        : resend.queue(connection, tenantId, zone).map(ignored -> true)));
    }

    /**
     * The policy a ticket of this priority and channel follows, as it travels with the ticket to
     * metrics-service; null when none matches.
     */
    public static TicketUpserted.SlaPolicy forTicket(List<SlaPolicy> policies, String priority, String channel) {
        for (SlaPolicy p : policies) {
            if ((p.priorities().isEmpty() || p.priorities().contains(priority))
                    && (p.channels().isEmpty() || p.channels().contains(channel))) {
                return new TicketUpserted.SlaPolicy(p.id().toString(), p.name(), seconds(p.firstReply()),
                        seconds(p.nextReply()), seconds(p.resolution()), p.clock());
            }
        }
        return null;
    }

    private static Long seconds(Integer target) {
        return target == null ? null : target.longValue();
    }

    private static SlaPolicy policy(Row row) {
        return new SlaPolicy(row.getUUID("id"), row.getString("name"), row.getInteger("position"),
                Arrays.asList(row.getArrayOfStrings("priorities")), Arrays.asList(row.getArrayOfStrings("channels")),
                row.getInteger("first_reply"), row.getInteger("next_reply"), row.getInteger("resolution"), row.getString("clock"));
    }
}
