package io.cxmeter.ticket.sla;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
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
import io.cxmeter.internalauth.InternalCaller;
import io.cxmeter.problem.ProblemException;
import io.smallrye.mutiny.Uni;

/**
 * SLA policies: what each ticket is promised (first reply, next replies, resolution), measured by
 * {@code sla-achievement} and {@code /api/v1/metrics/sla-at-risk}. A change re-measures every ticket
 * in the background; freshness is not up to date until that is done.
 */
@Path("/api/v1/sla-policies")
@Tag(name = "SLA policies", description = "Targets for the first reply, each next reply and the resolution, per priority and channel")
public class SlaPolicyResource {

    @Inject
    Caller caller;

    @Inject
    SlaPolicyStore store;

    @GET
    @Operation(operationId = "listSlaPolicies", summary = "The tenant's SLA policies in the order a ticket tries them")
    @APIResponse(responseCode = "200", description = "The policies")
    public Uni<List<SlaPolicy>> list() {
        return store.list(caller.tenantId());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getSlaPolicy", summary = "One SLA policy")
    @APIResponse(responseCode = "200", description = "The policy")
    @APIResponse(responseCode = "404", description = "No such policy")
    public Uni<SlaPolicy> get(@PathParam("id") UUID id) {
        return store.get(caller.tenantId(), id).map(policy -> found(policy, id));
    }

    @POST
    @RolesAllowed(InternalCaller.ROLE_ADMIN)
    @Operation(operationId = "createSlaPolicy", summary = "Add an SLA policy (admin); every ticket is measured again in the background")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = SlaPolicy.class)))
    @APIResponse(responseCode = "400", description = "A field is wrong (each is named); nothing was created")
    @APIResponse(responseCode = "403", description = "Needs the admin scope")
    public Uni<RestResponse<SlaPolicy>> create(@NotNull SlaPolicy policy) {
        return store.put(caller.tenantId(), policy.normalized(UUID.randomUUID()), true, caller.get().timeZone())
                .map(created -> RestResponse.ResponseBuilder.<SlaPolicy>created(
                        UriBuilder.fromPath("/api/v1/sla-policies/{id}").build(created.id())).entity(created).build());
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(InternalCaller.ROLE_ADMIN)
    @Operation(operationId = "updateSlaPolicy", summary = "Replace an SLA policy (admin); every ticket is measured again")
    @APIResponse(responseCode = "200", description = "The policy as stored")
    @APIResponse(responseCode = "400", description = "A field is wrong (each is named); nothing was changed")
    @APIResponse(responseCode = "403", description = "Needs the admin scope")
    @APIResponse(responseCode = "404", description = "No such policy")
    public Uni<SlaPolicy> update(@PathParam("id") UUID id, @NotNull SlaPolicy policy) {
        return store.put(caller.tenantId(), policy.normalized(id), false, caller.get().timeZone()).map(stored -> found(stored, id));
    }

    @DELETE
    @Path("/{id}")
    @RolesAllowed(InternalCaller.ROLE_ADMIN)
    @Operation(operationId = "deleteSlaPolicy", summary = "Delete an SLA policy (admin); every ticket is measured again")
    @APIResponse(responseCode = "204", description = "Deleted")
    @APIResponse(responseCode = "403", description = "Needs the admin scope")
    @APIResponse(responseCode = "404", description = "No such policy")
    public Uni<RestResponse<Void>> delete(@PathParam("id") UUID id) {
        return store.delete(caller.tenantId(), id, caller.get().timeZone()).map(deleted -> {
            if (!deleted) {
                throw ProblemException.notFound("No SLA policy " + id);
            }
            return RestResponse.noContent();
        });
    }

    private static SlaPolicy found(SlaPolicy policy, UUID id) {
        if (policy == null) {
            throw ProblemException.notFound("No SLA policy " + id);
        }
        return policy;
    }
}
