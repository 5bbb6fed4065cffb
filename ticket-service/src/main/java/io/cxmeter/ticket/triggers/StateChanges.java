package io.cxmeter.ticket.triggers;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.events.EventType;
import io.cxmeter.events.TicketEvent;
import io.cxmeter.ticket.tickets.TicketView;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Notes, in the ticket's own transaction, each written ticket whose latest status change is recent
 * (within {@link StateChangeConfig#window()}): {@link StateChangeRelay} reports it to survey-service.
 * Imported history, whose changes are old, is not reported.
 */
@ApplicationScoped
public class StateChanges {

    @Inject
    StateChangeConfig config;

    public Uni<Void> note(SqlConnection connection, String tenantId, String zone, List<TicketView> tickets,
            OffsetDateTime now) {
        Instant since = now.toInstant().minus(config.window());
        List<TicketView> changed = new ArrayList<>();
        for (TicketView ticket : tickets) {
            Instant last = null;
            for (TicketEvent event : ticket.events()) {
                if (event.type() == EventType.STATUS && (last == null || event.at().isAfter(last))) {
                    last = event.at();
                }
            }
            if (last != null && last.isAfter(since)) {
                changed.add(ticket);
            }
        }
        if (changed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = changed.size();
        String[] keys = new String[n];
        Boolean[] resolved = new Boolean[n];
        OffsetDateTime[] resolvedAt = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            TicketView ticket = changed.get(i);
            keys[i] = ticket.id();
            resolved[i] = ticket.status().isResolved();
            Instant at = ticket.facts().resolvedAt();
            resolvedAt[i] = at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
        }
        return connection.preparedQuery("""
                INSERT INTO ticket_state_change (tenant_id, ticket_key, resolved, resolved_at, recorded_at, zone,
                                                 next_attempt_at)
                SELECT $1, u.key, u.resolved, u.resolved_at, $2, $3, $2
                FROM unnest($4::text[], $5::boolean[], $6::timestamptz[]) AS u(key, resolved, resolved_at)
                ON CONFLICT (tenant_id, ticket_key) DO UPDATE SET version = ticket_state_change.version + 1,
                    resolved = EXCLUDED.resolved, resolved_at = EXCLUDED.resolved_at, recorded_at = EXCLUDED.recorded_at,
                    zone = EXCLUDED.zone, attempts = 0, next_attempt_at = EXCLUDED.next_attempt_at""")
                .execute(Tuple.tuple(Arrays.asList(tenantId, now, zone, keys, resolved, resolvedAt)))
                .replaceWithVoid();
    }
}
