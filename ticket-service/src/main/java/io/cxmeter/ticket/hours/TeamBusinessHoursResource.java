package io.cxmeter.ticket.hours;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.cxmeter.internalauth.Caller;
import io.cxmeter.internalauth.InternalCaller;
import io.cxmeter.problem.ProblemException;
import io.cxmeter.ticket.teams.TeamService;
import io.smallrye.mutiny.Uni;

/** A team's own business hours: its tickets are measured with them instead of the tenant's default. */
@Path("/api/v1/teams/{id}/business-hours")
@Tag(name = "Business hours")
public class TeamBusinessHoursResource {

    @Inject
    Caller caller;

    @Inject
    BusinessHoursStore store;

    @Inject
    TeamService teams;

    @GET
    @Operation(operationId = "getTeamBusinessHours", summary = "A team's own business hours")
    @APIResponse(responseCode = "200", description = "The calendar")
    @APIResponse(responseCode = "404", description = "No such team, or it has none of its own (the default applies)")
    public Uni<BusinessHoursView> getTeam(@PathParam("id") String team) {
        return teams.get(caller.tenantId(), team).flatMap(ignored -> found(store.get(caller.tenantId(), team),
                "Team '" + team + "' has no business hours of its own; the tenant's default applies"));
    }

    @PUT
    @RolesAllowed(InternalCaller.ROLE_ADMIN)
    @Operation(operationId = "putTeamBusinessHours", summary = "Give a team business hours of its own (admin); its tickets "
            + "are measured again with them in the background")
    @APIResponse(responseCode = "200", description = "The calendar as stored")
    @APIResponse(responseCode = "400", description = "A field is wrong (each is named); nothing was changed")
    @APIResponse(responseCode = "403", description = "Needs the admin scope")
    @APIResponse(responseCode = "404", description = "No such team")
    public Uni<BusinessHoursView> putTeam(@PathParam("id") String team, @NotNull BusinessHours hours) {
        BusinessHours normalized = hours.normalized(caller.get().timeZone());
        return teams.get(caller.tenantId(), team)
                .flatMap(ignored -> store.put(caller.tenantId(), team, normalized, caller.get().timeZone()));
    }

    @DELETE
    @RolesAllowed(InternalCaller.ROLE_ADMIN)
    @Operation(operationId = "deleteTeamBusinessHours", summary = "Drop a team's own business hours (admin): the default applies")
    @APIResponse(responseCode = "204", description = "Dropped")
    @APIResponse(responseCode = "403", description = "Needs the admin scope")
    @APIResponse(responseCode = "404", description = "No such team, or it had none of its own")
    public Uni<RestResponse<Void>> deleteTeam(@PathParam("id") String team) {
        return teams.get(caller.tenantId(), team).flatMap(ignored -> store.delete(caller.tenantId(), team, caller.get().timeZone()))
                .map(deleted -> {
                    if (!deleted) {
                        throw ProblemException.notFound("Team '" + team + "' has no business hours of its own");
                    }
                    return RestResponse.noContent();
                });
    }

    private static Uni<BusinessHoursView> found(Uni<BusinessHoursView> view, String otherwise) {
        return view.map(v -> {
            if (v == null) {
                throw ProblemException.notFound(otherwise);
            }
            return v;
        });
    }
}
