package io.cxmeter.ticket.agents;

import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.TreeSet;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;

/** Agents exist from their first mention (docs/api.md): a ticket event or a review naming an unknown agent registers it. */
@ApplicationScoped
public class AgentMentions {

    private static final String MENTION = """
            INSERT INTO agent (id, tenant_id, agent_id, name, active, created_at, updated_at)
            SELECT u.id, $1, u.agent_id, u.agent_id, true, $2, $2 FROM unnest($3::uuid[], $4::text[]) AS u(id, agent_id)
            ON CONFLICT (tenant_id, agent_id) DO NOTHING""";

    /** Registers the agents not known yet, in the caller's transaction; their name is their id until renamed. */
    public Uni<Void> mention(SqlConnection connection, String tenantId, Collection<String> agentIds, OffsetDateTime now) {
        TreeSet<String> agents = new TreeSet<>();
        agentIds.stream().filter(a -> a != null && !a.isBlank()).forEach(agents::add);
        if (agents.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        UUID[] ids = agents.stream().map(a -> UUID.randomUUID()).toArray(UUID[]::new);
        return connection.preparedQuery(MENTION).execute(Tuple.of(tenantId, now, ids, agents.toArray(String[]::new)))
                .replaceWithVoid();
    }
}
