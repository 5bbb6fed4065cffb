package io.cxmeter.gateway.tenants;

import java.util.Comparator;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.cxmeter.gateway.identity.GatewayCaller;
import io.cxmeter.gateway.identity.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Who the credentials are: what a console shows and enables after signing in. */
@Path("/api/v1/me")
@Tag(name = "Tenants", description = TenantResource.TAG)
public class CallerResource {

    /** The caller: its tenant, its name (API key id or OIDC subject) and its roles, each implied one listed. */
    @Schema(name = "Caller")
    public record Caller(TenantView tenant, String subject, List<String> roles) {
    }

    @Inject
    SecurityIdentity identity;

    @Inject
    TenantService tenants;

    @GET
    @RolesAllowed(Roles.READ)
    @Operation(operationId = "getCaller", summary = "The caller's tenant, name and roles (read, write, admin)")
    @APIResponse(responseCode = "200", description = "The caller")
    public Uni<Caller> me() {
        List<String> roles = Roles.expand(identity.getRoles()).stream()
                .sorted(Comparator.comparing(List.of(Roles.READ, Roles.WRITE, Roles.ADMIN)::indexOf)).toList();
        return tenants.get(GatewayCaller.requireTenant(identity).id())
                .map(tenant -> new Caller(tenant, identity.getPrincipal().getName(), roles));
    }
}
