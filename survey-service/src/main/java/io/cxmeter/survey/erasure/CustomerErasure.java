package io.cxmeter.survey.erasure;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.events.InvitationDeleted;
import io.cxmeter.outbox.Outbox;
import io.cxmeter.survey.responses.ResponseStore;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Erases everything survey-service holds about one customer, in one transaction: their responses
 * (comments included), invitations, widget impressions, e-mail messages (addresses included), asks, follow-ups and
 * widget throttling rows, and every outbox row that
 * names them. metrics-service is told what to forget (responses and invitations deleted) through the
 * outbox; events still waiting to leave keep their place but no longer name the customer.
 */
@ApplicationScoped
public class CustomerErasure {

    /** What one erasure removed. */
    public record Erased(int responses, int invitations) {
    }

    @Inject
    Pool pool;

    @Inject
    ResponseStore responses;

    @Inject
    Outbox outbox;

    public Uni<Erased> erase(String tenantId, String customerId) {
        return pool.withTransaction(connection -> responses.eraseCustomer(connection, tenantId, customerId)
                .flatMap(erasedResponses -> invitations(connection, tenantId, customerId)
                        .flatMap(erasedInvitations -> scrubOutbox(connection, tenantId, customerId)
                                .map(ignored -> new Erased(erasedResponses, erasedInvitations)))));
    }

    private Uni<Integer> invitations(SqlConnection connection, String tenantId, String customerId) {
        Tuple customer = Tuple.of(tenantId, customerId);
        return connection.preparedQuery("DELETE FROM mail_message WHERE tenant_id = $1 AND customer_id = $2").execute(customer)
                // Webhook messages about the customer, with their deliveries and attempts (cascade).
                .flatMap(ignored -> connection.preparedQuery("DELETE FROM webhook_message WHERE tenant_id = $1 AND customer_id = $2")
                        .execute(customer))
                .flatMap(ignored -> connection.preparedQuery("DELETE FROM customer_ask WHERE tenant_id = $1 AND customer_id = $2")
                        .execute(customer))
                .flatMap(ignored -> connection.preparedQuery("""
                        WITH impressions AS (DELETE FROM widget_impression WHERE tenant_id = $1 AND customer_id = $2 RETURNING id),
                             invitations AS (DELETE FROM invitation WHERE tenant_id = $1 AND customer_id = $2 RETURNING id)
                        SELECT id FROM impressions UNION ALL SELECT id FROM invitations""").execute(customer))
                .flatMap(rows -> {
                    List<InvitationDeleted> events = new ArrayList<>();
                    rows.forEach(row -> events.add(new InvitationDeleted(row.getUUID("id").toString())));
                    return outbox.add(connection, tenantId, events, OffsetDateTime.now(ZoneOffset.UTC))
                            .map(ignored -> events.size());
                });
    }

    /**
     * Delivered events that named the customer are deleted (they served their purpose); waiting ones
     * lose the customer's id, so that metrics-service still applies them in order.
     */
    private static Uni<Void> scrubOutbox(SqlConnection connection, String tenantId, String customerId) {
        Tuple args = Tuple.of(tenantId, customerId);
        return connection.preparedQuery("DELETE FROM outbox_event WHERE tenant_id = $1 AND published_at IS NOT NULL"
                + " AND payload ->> 'customerId' = $2").execute(args)
                .flatMap(ignored -> connection.preparedQuery("UPDATE outbox_event SET payload = payload || '{\"customerId\": null}'"
                        + " WHERE tenant_id = $1 AND published_at IS NULL AND payload ->> 'customerId' = $2").execute(args))
                .replaceWithVoid();
    }
}
