package io.cxmeter.gateway.apikeys;

import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
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

import io.cxmeter.gateway.identity.GatewayCaller;
import io.cxmeter.gateway.identity.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/api-keys")
@Tag(name = "API keys",
        description = "Keys that let a tenant's backend call the API (X-Api-Key), each with its scopes; the secret is shown once")
@RolesAllowed(Roles.ADMIN)
public class ApiKeyResource {

    @Inject
    SecurityIdentity identity;

    @Inject
    ApiKeyService apiKeys;

    @Inject
    ApiKeyCache cache;

    @POST
    @Operation(operationId = "createApiKey", summary = "Issue an API key for the caller's tenant; the key is shown only in this answer")
    @APIResponse(responseCode = "201", description = "Issued",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = NewApiKey.class)))
    @APIResponse(responseCode = "400", description = "Invalid fields (problem+json lists each)")
    public Uni<RestResponse<NewApiKey>> issue(@NotNull @Valid ApiKeyRequest request) {
        return apiKeys.issue(GatewayCaller.requireTenant(identity).id(), request.name(), request.scopes())
                .map(key -> RestResponse.ResponseBuilder.<NewApiKey>created(UriBuilder.fromPath("/api/v1/api-keys/{id}").build(key.id()))
                        .entity(key).build());
    }

    @GET
    @Operation(operationId = "listApiKeys", summary = "List the tenant's API keys (prefix, scopes, last use; never the secret)")
    @APIResponse(responseCode = "200", description = "The keys, oldest first")
    public Uni<List<ApiKeyView>> list() {
        return apiKeys.list(GatewayCaller.requireTenant(identity).id());
    }

    @POST
    @Path("/{id}/rotate")
    @Operation(operationId = "rotateApiKey", summary = "Give an API key a new secret (shown once); the old secret stops working at once")
    @APIResponse(responseCode = "200", description = "The key with its new secret")
    @APIResponse(responseCode = "404", description = "No such key for this tenant")
    @APIResponse(responseCode = "409", description = "The key is revoked")
    public Uni<NewApiKey> rotate(@PathParam("id") UUID id) {
        // Committed: this replica forgets the old secret before answering; the others on the change's notice.
        return apiKeys.rotate(GatewayCaller.requireTenant(identity).id(), id).invoke(cache::invalidate);
    }

    @DELETE
    @Path("/{id}")
    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key; it stops working at once")
    @APIResponse(responseCode = "200", description = "The revoked key")
    @APIResponse(responseCode = "404", description = "No such key for this tenant")
    public Uni<ApiKeyView> revoke(@PathParam("id") UUID id) {
        return apiKeys.revoke(GatewayCaller.requireTenant(identity).id(), id).invoke(cache::invalidate);
    }
}
