package io.cxmeter.ticket.teams;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.cxmeter.problem.ProblemException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;

/** Teams of a tenant (table {@code team}), named by the tenant's own id; every query takes the tenant first. */
@ApplicationScoped
public class TeamService {

    private static final String VIEW_COLUMNS = "team_id, name, active, created_at";

    @Inject
    Pool pool;

    public Uni<TeamView> create(String tenantId, TeamRequests.NewTeam request) {
        return pool.preparedQuery("INSERT INTO team (id, tenant_id, team_id, name, active, created_at, updated_at)"
                + " VALUES ($1, $2, $3, $4, true, now(), now()) ON CONFLICT (tenant_id, team_id) DO NOTHING RETURNING " + VIEW_COLUMNS)
                .execute(Tuple.of(UUID.randomUUID(), tenantId, request.id(), request.name().strip()))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ProblemException.conflict("Team '" + request.id() + "' exists already.");
                    }
                    return view(rows.iterator().next());
                });
    }

    /** Changes what the request names (a null leaves it as it is). */
    public Uni<TeamView> update(String tenantId, String teamId, TeamRequests.TeamChanges changes) {
        return pool.preparedQuery("UPDATE team SET name = coalesce($3, name), active = coalesce($4, active), updated_at = now()"
                + " WHERE tenant_id = $1 AND team_id = $2 RETURNING " + VIEW_COLUMNS)
                .execute(Tuple.from(Arrays.asList(tenantId, teamId, changes.name() == null ? null : changes.name().strip(),
                        changes.active())))
                .map(rows -> only(rows, teamId));
    }

    public Uni<TeamView> get(String tenantId, String teamId) {
        return pool.preparedQuery("SELECT " + VIEW_COLUMNS + " FROM team WHERE tenant_id = $1 AND team_id = $2")
                .execute(Tuple.of(tenantId, teamId)).map(rows -> only(rows, teamId));
    }

    public Uni<List<TeamView>> list(String tenantId) {
        return pool.preparedQuery("SELECT " + VIEW_COLUMNS + " FROM team WHERE tenant_id = $1 ORDER BY team_id")
                .execute(Tuple.of(tenantId)).map(rows -> {
                    List<TeamView> teams = new ArrayList<>(rows.size());
                    rows.forEach(row -> teams.add(view(row)));
                    return teams;
                });
    }

    private static TeamView only(RowSet<Row> rows, String teamId) {
        if (rows.size() == 0) {
            throw ProblemException.notFound("No team '" + teamId + "'.");
        }
        return view(rows.iterator().next());
    }

    private static TeamView view(Row row) {
        return new TeamView(row.getString("team_id"), row.getString("name"), row.getBoolean("active"),
                row.getOffsetDateTime("created_at"));
    }
}
