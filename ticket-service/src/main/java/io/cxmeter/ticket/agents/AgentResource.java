package io.cxmeter.ticket.agents;


import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.UriBuilder;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.cxmeter.internalauth.Caller;
import io.cxmeter.ticket.Page;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/agents")
@Tag(name = "Agents",
        description = "The tenant's agents, under the tenant's own ids, with their team and whether they are active")
public class AgentResource {

    @Inject
    Caller caller;

    @Inject
    AgentService agents;

    @POST
    @Operation(operationId = "createAgent", summary = "Register an agent under the tenant's own id")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = AgentView.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json lists each)")
    @APIResponse(responseCode = "409", description = "An agent with this id exists")
    public Uni<RestResponse<AgentView>> create(@NotNull @Valid AgentRequest request) {
        return agents.create(caller.tenantId(), request)
                .map(view -> RestResponse.ResponseBuilder.<AgentView>created(UriBuilder.fromPath("/api/v1/agents/{id}").build(view.id()))
                        .entity(view).build());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getAgent", summary = "Read one agent")
    @APIResponse(responseCode = "200", description = "The agent")
    @APIResponse(responseCode = "404", description = "No such agent for this tenant")
    public Uni<AgentView> get(@PathParam("id") String id) {
        return agents.get(caller.tenantId(), id);
    }

    @PATCH
    @Path("/{id}")
    @Operation(operationId = "updateAgent", summary = "Rename an agent, move them to a team, or mark them active or inactive")
    @APIResponse(responseCode = "200", description = "The agent as changed")
    @APIResponse(responseCode = "404", description = "No such agent for this tenant")
    public Uni<AgentView> update(@PathParam("id") String id, @NotNull @Valid AgentChanges changes) {
        return agents.update(caller.tenantId(), id, changes);
    }

    @GET
    @Operation(operationId = "listAgents", summary = "List agents, ordered by id, a page at a time")
    @APIResponse(responseCode = "200", description = "A page; pass nextCursor as 'after' for the next one")
    public Uni<Page<AgentView>> list(@QueryParam("after") String after,
            @QueryParam("limit") @DefaultValue("50") @Min(1) @Max(500) int limit) {
        return agents.list(caller.tenantId(), after, limit);
    }
}
