package io.cxmeter.ticket.followups;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.cxmeter.internalauth.Caller;
import io.cxmeter.internalauth.InternalToken;
import io.smallrye.mutiny.Uni;

/**
 * survey-service closes the loop here: a negative response opens exactly one follow-up with its
 * ticket, however often the call is retried (both are keyed by the response's id).
 * Not routed by the gateway; callers sign with the producers' key (see application.properties).
 */
@Path("/internal/v1/follow-ups")
@Tag(name = "Internal: follow-ups",
        description = "Follow-up tickets requested by survey-service (not exposed by the gateway)")
public class FollowUpResource {

    @Inject
    Caller caller;

    @Inject
    FollowUpService followUps;

    @POST
    @RolesAllowed(InternalToken.PRODUCER_ROLE)
    @Operation(operationId = "openFollowUp", summary = "Open the follow-up ticket of a negative survey response (idempotent by response id)")
    @APIResponse(responseCode = "201", description = "The follow-up ticket was opened",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = FollowUpOpened.class)))
    @APIResponse(responseCode = "200", description = "It existed already; nothing changed")
    public Uni<RestResponse<FollowUpOpened>> open(@NotNull @Valid FollowUpRequest request) {
        return followUps.open(caller.tenantId(), request)
                .map(opened -> opened.created() ? RestResponse.status(RestResponse.Status.CREATED, opened) : RestResponse.ok(opened));
    }
}
