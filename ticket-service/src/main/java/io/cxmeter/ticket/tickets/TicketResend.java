package io.cxmeter.ticket.tickets;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.cxmeter.outbox.PendingChanges;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Sends the stored tickets of the tenants in {@code ticket_resend} to metrics-service again, a page at
 * a time in key order, each as a new version: metrics-service then derives from the full histories
 * whatever its metrics read. A page is one transaction holding the tenant's row ({@code FOR UPDATE
 * SKIP LOCKED}, so replicas share tenants and never send one page twice), its tickets and their outbox
 * events; a killed service resumes after the last page it committed. The tickets still to send count
 * as pending in freshness until the last page is delivered.
 */
@ApplicationScoped
public class TicketResend implements PendingChanges {

    private static final Logger LOG = Logger.getLogger(TicketResend.class);

    @Inject
    Pool pool;

    @Inject
    TicketStore store;

    @Inject
    TicketResendConfig config;

    @Scheduled(every = "${cxmeter.ticket-resend.interval:1s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> tick() {
        return sendPage().onFailure().invoke(e -> LOG.warnf("Sending stored tickets again failed: %s", e.toString()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Sends one page of the longest-waiting tenant whose outbox is not full; whether a page was sent. */
    public Uni<Boolean> sendPage() {
        return sendPage(null);
    }

    /** The same for one tenant only (null: any). */
    public Uni<Boolean> sendPage(String onlyTenant) {
        return pool.withTransaction(connection -> connection.preparedQuery("""
                SELECT r.tenant_id, r.zone, r.after_key FROM ticket_resend r
                WHERE ($1::text IS NULL OR r.tenant_id = $1)
                  AND (SELECT count(*) FROM (SELECT 1 FROM outbox_event o WHERE o.published_at IS NULL
                                             AND o.tenant_id = r.tenant_id LIMIT $2) b) < $2
                ORDER BY r.requested_at LIMIT 1 FOR UPDATE SKIP LOCKED""")
                .execute(Tuple.of(onlyTenant, config.maxBacklog())).flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    Row due = rows.iterator().next();
                    String tenantId = due.getString("tenant_id");
                    return store.resend(connection, tenantId, due.getString("zone"), due.getString("after_key"),
                            config.batchSize()).flatMap(sent -> advance(connection, tenantId, sent));
                }));
    }

    private static Uni<Boolean> advance(SqlConnection connection, String tenantId, List<String> sent) {
        if (sent.isEmpty()) {
            LOG.infof("Every stored ticket of tenant %s was sent to metrics-service again", tenantId);
            return connection.preparedQuery("DELETE FROM ticket_resend WHERE tenant_id = $1").execute(Tuple.of(tenantId))
                    .map(ignored -> true);
        }
        // The page's last key in the database's order of keys, which the next page continues from.
        return connection.preparedQuery("UPDATE ticket_resend SET after_key = (SELECT max(k) FROM unnest($2::text[]) AS k),"
                + " remaining = greatest(0, remaining - $3) WHERE tenant_id = $1")
                .execute(Tuple.of(tenantId, sent.toArray(String[]::new), sent.size()))
                .map(ignored -> true);
    }

    /**
     * Queues every ticket of the tenant to be sent again, in the caller's transaction: from the first key
     * (a resend under way starts over, since what it sent so far is out of date), pending since the
     * earlier of the two requests.
     */
    public Uni<Void> queue(SqlConnection connection, String tenantId, String zone) {
        return connection.preparedQuery("""
                INSERT INTO ticket_resend (tenant_id, zone, after_key, remaining, requested_at)
                SELECT $1, $2, '', count(*), now() FROM ticket WHERE tenant_id = $1
                ON CONFLICT (tenant_id) DO UPDATE SET zone = EXCLUDED.zone, after_key = '', remaining = EXCLUDED.remaining,
                    requested_at = least(ticket_resend.requested_at, EXCLUDED.requested_at)""")
                .execute(Tuple.of(tenantId, zone)).replaceWithVoid();
    }

    @Override
    public Uni<Pending> pending(String tenantId) {
        return pool.preparedQuery("SELECT remaining, requested_at FROM ticket_resend WHERE tenant_id = $1")
                .execute(Tuple.of(tenantId)).map(rows -> {
                    if (rows.size() == 0) {
                        return new Pending(0, null);
                    }
                    Row row = rows.iterator().next();
                    // Tickets created meanwhile are not owed: their own writes sent them.
                    long remaining = row.getLong("remaining");
                    return new Pending(remaining, remaining == 0 ? null : row.getOffsetDateTime("requested_at"));
                });
    }
}
