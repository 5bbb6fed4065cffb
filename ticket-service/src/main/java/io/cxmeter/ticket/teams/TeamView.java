package io.cxmeter.ticket.teams;

import java.time.OffsetDateTime;

public record TeamView(String id, String name, boolean active, OffsetDateTime createdAt) {

    static TeamView of(Team team) {
        return new TeamView(team.teamId, team.name, team.active, team.createdAt);
    }
}
