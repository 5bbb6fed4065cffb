package io.cxmeter.gateway.tenants;

import java.net.URI;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.cxmeter.gateway.apikeys.ApiKeyCache;
import io.cxmeter.gateway.identity.GatewayCaller;
import io.cxmeter.gateway.identity.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/tenants")
@Tag(name = "Tenants", description = TenantResource.TAG)
public class TenantResource {

    static final String TAG = "Registering a tenant, reading or changing its settings (time zone, currency, name),"
            + " and who the caller is";

    @Inject
    SecurityIdentity identity;

    @Inject
    TenantService tenants;

    @Inject
    ApiKeyCache cache;

    @POST
    @RolesAllowed(Roles.PLATFORM_ADMIN)
    @Operation(operationId = "registerTenant", summary = "Register a tenant (platform admin); returns its first admin API key, shown once")
    @APIResponse(responseCode = "201", description = "Registered",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = RegisteredTenant.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json lists each)")
    @APIResponse(responseCode = "409", description = "A tenant with this id exists")
    public Uni<RestResponse<RegisteredTenant>> register(@NotNull @Valid TenantRequest request) {
        return tenants.register(request)
                .map(registered -> RestResponse.ResponseBuilder.<RegisteredTenant>created(
                        URI.create("/api/v1/tenants/current")).entity(registered).build());
    }

    @GET
    @Path("/current")
    @RolesAllowed(Roles.READ)
    @Operation(operationId = "getCurrentTenant", summary = "The caller's tenant and its settings")
    @APIResponse(responseCode = "200", description = "The tenant")
    public Uni<TenantView> current() {
        return tenants.get(GatewayCaller.requireTenant(identity).id());
    }

    @PATCH
    @Path("/current")
    @RolesAllowed(Roles.ADMIN)
    @Operation(operationId = "updateCurrentTenant", summary = "Change the caller's tenant settings (time zone, currency, name)")
    @APIResponse(responseCode = "200", description = "The tenant as changed")
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json lists each)")
    public Uni<TenantView> update(@NotNull @Valid TenantSettingsRequest changes) {
        // Committed: keys cached by this replica carry the old settings (the others forget them on the notice).
        return tenants.update(GatewayCaller.requireTenant(identity).id(), changes).invoke(cache::invalidate);
    }
}
