package io.cxmeter.ticket.teams;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import io.cxmeter.problem.ProblemException;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.quarkus.panache.common.Parameters;
import io.smallrye.mutiny.Uni;

/** Teams of a tenant; every query takes the tenant first. */
@ApplicationScoped
public class TeamService implements PanacheRepositoryBase<Team, UUID> {

    @WithTransaction
    public Uni<TeamView> create(String tenantId, TeamRequests.NewTeam request) {
        return find(tenantId, request.id()).flatMap(existing -> {
            if (existing != null) {
                throw ProblemException.conflict("Team '" + request.id() + "' exists already.");
            }
            Team team = new Team();
            team.id = UUID.randomUUID();
            team.tenantId = tenantId;
            team.teamId = request.id();
            team.name = request.name().strip();
            team.active = true;
            team.createdAt = now();
            team.updatedAt = team.createdAt;
            return persist(team).map(TeamView::of);
        });
    }

    @WithTransaction
    public Uni<TeamView> update(String tenantId, String teamId, TeamRequests.TeamChanges changes) {
        return find(tenantId, teamId).map(team -> {
            Team found = require(team, teamId);
            if (changes.name() != null) {
                found.name = changes.name().strip();
            }
            if (changes.active() != null) {
                found.active = changes.active();
            }
            found.updatedAt = now();
            return TeamView.of(found);
        });
    }

    @WithSession
    public Uni<TeamView> get(String tenantId, String teamId) {
        return find(tenantId, teamId).map(team -> TeamView.of(require(team, teamId)));
    }

    @WithSession
    public Uni<List<TeamView>> list(String tenantId) {
        return find("tenantId = :tenant order by teamId", Parameters.with("tenant", tenantId)).list()
                .map(teams -> teams.stream().map(TeamView::of).toList());
    }

    private Uni<Team> find(String tenantId, String teamId) {
        return find("tenantId = :tenant and teamId = :team", Parameters.with("tenant", tenantId).and("team", teamId))
                .firstResult();
    }

    private static Team require(Team team, String teamId) {
        if (team == null) {
            throw ProblemException.notFound("No team '" + teamId + "'.");
        }
        return team;
    }

    private static OffsetDateTime now() {
        return OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS);
    }
}
