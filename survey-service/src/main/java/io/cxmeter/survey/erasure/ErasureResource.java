package io.cxmeter.survey.erasure;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.cxmeter.imports.TenantIds;
import io.cxmeter.internalauth.Caller;
import io.cxmeter.internalauth.InternalToken;
import io.smallrye.mutiny.Uni;

/**
 * ticket-service, which owns customers, asks here to erase one everywhere in survey-service.
 * Idempotent: asked again (a retry after a lost answer), it erases whatever has appeared since.
 */
@Path("/internal/v1/erasures")
@Tag(name = "Internal: erasure",
        description = "Erasure requests from ticket-service (not exposed by the gateway)")
public class ErasureResource {

    public record ErasureRequest(@NotBlank @Pattern(regexp = TenantIds.REGEX, message = TenantIds.RULE) String customerId) {
    }

    @Inject
    Caller caller;

    @Inject
    CustomerErasure erasure;

    @POST
    @RolesAllowed(InternalToken.PRODUCER_ROLE)
    @Operation(operationId = "eraseCustomerResponses", summary = "Erase a customer's responses, comments, invitations and follow-ups (idempotent)")
    public Uni<CustomerErasure.Erased> erase(@NotNull @Valid ErasureRequest request) {
        return erasure.erase(caller.tenantId(), request.customerId());
    }
}
