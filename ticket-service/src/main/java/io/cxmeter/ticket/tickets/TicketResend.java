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

    /** Sends one page of one tenant, unless the tenant's outbox is already full; whether a page was sent. */
    public Uni<Boolean> sendPage() {
        return pool.withTransaction(connection -> connection.query("SELECT tenant_id, zone, after_key FROM ticket_resend"
                + " ORDER BY requested_at LIMIT 1 FOR UPDATE SKIP LOCKED").execute().flatMap(rows -> {
                    if (rows.size() == 0) {
                        return Uni.createFrom().item(false);
                    }
                    Row due = rows.iterator().next();
                    String tenantId = due.getString("tenant_id");
                    return connection.preparedQuery("SELECT count(*) AS n FROM (SELECT 1 FROM outbox_event"
                            + " WHERE published_at IS NULL AND tenant_id = $1 LIMIT $2) b")
                            .execute(Tuple.of(tenantId, config.maxBacklog())).flatMap(backlog -> {
                                if (backlog.iterator().next().getLong("n") >= config.maxBacklog()) {
                                    return Uni.createFrom().item(false);
                                }
                                return store.resend(connection, tenantId, due.getString("zone"), due.getString("after_key"),
                                        config.batchSize()).flatMap(sent -> advance(connection, tenantId, sent));
                            });
                }));
    }

    private static Uni<Boolean> advance(io.vertx.mutiny.sqlclient.SqlConnection connection, String tenantId, List<String> sent) {
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
