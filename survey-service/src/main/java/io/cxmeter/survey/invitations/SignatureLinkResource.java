package io.cxmeter.survey.invitations;

import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.cxmeter.imports.TenantIds;
import io.cxmeter.internalauth.Caller;
import io.smallrye.mutiny.Uni;

@Path("/api/v1/surveys/{surveyId}/signature-links/{agentId}")
@Tag(name = "Invitations")
public class SignatureLinkResource {

    @Inject
    Caller caller;

    @Inject
    SignatureLinks signatures;

    @Inject
    InvitationConfig config;

    @GET
    @Operation(operationId = "getSignatureLink", summary = "An agent's e-mail signature link for the survey: the same links and snippet every time")
    @APIResponse(responseCode = "200", description = "One link per score and a ready HTML snippet; answers are attributed to the agent")
    @APIResponse(responseCode = "404", description = "No such survey")
    public Uni<SignatureLinks.View> link(@PathParam("surveyId") UUID surveyId,
            @PathParam("agentId") @Pattern(regexp = TenantIds.REGEX, message = TenantIds.RULE) String agentId) {
        return signatures.link(caller.tenantId(), caller.get().timeZone(), surveyId, agentId, config.publicUrl());
    }
}
