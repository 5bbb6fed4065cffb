package io.cxmeter.ticket.teams;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.cxmeter.internalauth.Caller;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/teams")
@Tag(name = "Teams",
        description = "The tenant's teams of agents, under the tenant's own ids")
public class TeamResource {

    @Inject
    Caller caller;

    @Inject
    TeamService teams;

    @POST
    @Operation(operationId = "createTeam", summary = "Create a team under the tenant's own id")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = TeamView.class)))
    @APIResponse(responseCode = "409", description = "A team with this id exists")
    public Uni<RestResponse<TeamView>> create(@NotNull @Valid TeamRequests.NewTeam request) {
        return teams.create(caller.tenantId(), request)
                .map(view -> RestResponse.ResponseBuilder.<TeamView>created(UriBuilder.fromPath("/api/v1/teams/{id}").build(view.id()))
                        .entity(view).build());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getTeam", summary = "Read a team")
    @APIResponse(responseCode = "200", description = "The team")
    @APIResponse(responseCode = "404", description = "No such team for this tenant")
    public Uni<TeamView> get(@PathParam("id") String id) {
        return teams.get(caller.tenantId(), id);
    }

    @GET
    @Operation(operationId = "listTeams", summary = "List the tenant's teams by id")
    @APIResponse(responseCode = "200", description = "The teams")
    public Uni<List<TeamView>> list() {
        return teams.list(caller.tenantId());
    }

    @PATCH
    @Path("/{id}")
    @Operation(operationId = "updateTeam", summary = "Rename a team or mark it active or inactive")
    @APIResponse(responseCode = "200", description = "The team as changed")
    @APIResponse(responseCode = "404", description = "No such team for this tenant")
    public Uni<TeamView> update(@PathParam("id") String id, @NotNull @Valid TeamRequests.TeamChanges changes) {
        return teams.update(caller.tenantId(), id, changes);
    }
}
