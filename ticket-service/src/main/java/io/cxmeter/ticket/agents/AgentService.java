package io.cxmeter.ticket.agents;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.problem.ProblemException;
import io.cxmeter.ticket.Page;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Agents of a tenant (table {@code agent}), named by the tenant's own id; every query takes the
 * tenant first. Agents also come into being when first mentioned ({@link AgentMentions}).
 */
@ApplicationScoped
public class AgentService {

    private static final String VIEW_COLUMNS = "agent_id, name, team, active, created_at";

    @Inject
    Pool pool;

    public Uni<AgentView> create(String tenantId, AgentRequest request) {
        return pool.preparedQuery("INSERT INTO agent (id, tenant_id, agent_id, name, team, active, created_at, updated_at)"
                + " VALUES ($1, $2, $3, $4, $5, $6, now(), now()) ON CONFLICT (tenant_id, agent_id) DO NOTHING RETURNING "
                + VIEW_COLUMNS)
                .execute(Tuple.from(Arrays.asList(UUID.randomUUID(), tenantId, request.id(), request.name().strip(),
                        request.team(), request.active() == null || request.active())))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.conflict("Agent '" + request.id() + "' exists already.");
                    }
                    return view(rows.iterator().next());
                });
    }

    /** Changes what the request names (a null leaves it as it is; an empty team takes the agent out of its team). */
    public Uni<AgentView> update(String tenantId, String agentId, AgentChanges changes) {
        String team = changes.team() == null || changes.team().isBlank() ? null : changes.team();
        return pool.preparedQuery("UPDATE agent SET name = coalesce($3, name), team = CASE WHEN $4 THEN $5 ELSE team END,"
                + " active = coalesce($6, active), updated_at = now() WHERE tenant_id = $1 AND agent_id = $2 RETURNING "
                + VIEW_COLUMNS)
                .execute(Tuple.from(Arrays.asList(tenantId, agentId, changes.name() == null ? null : changes.name().strip(),
                        changes.team() != null, team, changes.active())))
                .map(rows -> only(rows, agentId));
    }

    public Uni<AgentView> get(String tenantId, String agentId) {
        return pool.preparedQuery("SELECT " + VIEW_COLUMNS + " FROM agent WHERE tenant_id = $1 AND agent_id = $2")
                .execute(Tuple.of(tenantId, agentId)).map(rows -> only(rows, agentId));
    }

    /** A page ordered by the tenant's agent id, starting after {@code after} when given. */
    public Uni<Page<AgentView>> list(String tenantId, String after, int limit) {
        // One extra row tells whether another page follows.
        return pool.preparedQuery("SELECT " + VIEW_COLUMNS + " FROM agent WHERE tenant_id = $1"
                + " AND ($2::text IS NULL OR agent_id > $2) ORDER BY agent_id LIMIT $3")
                .execute(Tuple.from(Arrays.asList(tenantId, after, limit + 1))).map(rows -> {
                    List<AgentView> items = new ArrayList<>(rows.size());
                    rows.forEach(row -> items.add(view(row)));
                    String next = items.size() > limit ? items.get(limit - 1).id() : null;
                    return new Page<>(items.subList(0, Math.min(limit, items.size())), next);
                });
    }

    private static AgentView only(RowSet<Row> rows, String agentId) {
        if (rows.size() == 0) {
            throw ProblemException.notFound("No agent '" + agentId + "'.");
        }
        return view(rows.iterator().next());
    }

    private static AgentView view(Row row) {
        return new AgentView(row.getString("agent_id"), row.getString("name"), row.getString("team"), row.getBoolean("active"),
                row.getOffsetDateTime("created_at"));
    }
}
