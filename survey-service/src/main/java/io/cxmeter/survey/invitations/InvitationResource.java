package io.cxmeter.survey.invitations;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

import io.cxmeter.internalauth.Caller;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/surveys/{surveyId}/invitations")
@Tag(name = "Invitations",
        description = "Invitations to answer a survey: one signed rating link per score and a ready HTML snippet")
public class InvitationResource {

    @Inject
    Caller caller;

    @Inject
    InvitationService invitations;

    @Inject
    InvitationConfig config;

    @POST
    @Operation(operationId = "createInvitation", summary = "Invite by e-mail: one-click rating links (one per score) and a ready HTML snippet")
    @APIResponse(responseCode = "201", description = "The invitation with its links",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = InvitationView.class)))
    @APIResponse(responseCode = "409", description = "The survey is paused or archived")
    public Uni<RestResponse<InvitationView>> invite(@PathParam("surveyId") UUID surveyId, @Valid InvitationRequest request) {
        InvitationRequest given = request == null ? new InvitationRequest(null, null, null, null, null, null, null, null) : request;
        return invitations.create(caller.tenantId(), caller.get().timeZone(), surveyId, given, config.publicUrl())
                .map(view -> RestResponse.status(RestResponse.Status.CREATED, view));
    }
}
