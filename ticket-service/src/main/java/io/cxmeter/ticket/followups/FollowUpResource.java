package io.cxmeter.ticket.followups;

import java.util.ArrayList;
import java.util.List;

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
import io.cxmeter.problem.ProblemException;
import io.cxmeter.ticket.tickets.Channel;
import io.cxmeter.ticket.tickets.TicketRequests;
import io.cxmeter.ticket.tickets.TicketService;
import io.smallrye.mutiny.Uni;

/**
 * survey-service closes the loop here: a negative response opens exactly one follow-up ticket,
 * however often the call is retried (the ticket's id derives from the response's id).
 * Not routed by the gateway; callers sign with the producers' key (see application.properties).
 */
@Path("/internal/v1/follow-ups")
@Tag(name = "Internal: follow-ups",
        description = "Follow-up tickets requested by survey-service (not exposed by the gateway)")
public class FollowUpResource {

    static final String PREFIX = "followup-";

    @Inject
    Caller caller;

    @Inject
    TicketService tickets;

    @POST
    @RolesAllowed(InternalToken.PRODUCER_ROLE)
    @Operation(operationId = "openFollowUp", summary = "Open the follow-up ticket of a negative survey response (idempotent by response id)")
    @APIResponse(responseCode = "201", description = "The follow-up ticket was opened",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = FollowUpView.class)))
    @APIResponse(responseCode = "200", description = "It existed already; nothing changed")
    public Uni<RestResponse<FollowUpView>> open(@NotNull @Valid FollowUpRequest request) {
        String ticketId = PREFIX + request.responseId();
        Channel channel = request.channel() == null ? Channel.API : Channel.parse(request.channel()).orElse(Channel.API);
        List<String> tags = new ArrayList<>(List.of("follow-up", "survey:" + request.surveyId()));
        if (request.ticketId() != null) {
            tags.add("about:" + request.ticketId());
        }
        TicketRequests.NewTicket ticket = new TicketRequests.NewTicket(ticketId, channel,
                "Follow-up of survey response " + request.responseId()
                        + (request.score() == null ? "" : " (score " + request.score() + ")"),
                null, null, request.customerId(), tags, null);
        return tickets.create(caller.tenantId(), ticket)
                .map(view -> RestResponse.status(RestResponse.Status.CREATED, new FollowUpView(request.responseId(), ticketId, true)))
                .onFailure(e -> e instanceof ProblemException p && p.status() == 409)
                .recoverWithItem(() -> RestResponse.ok(new FollowUpView(request.responseId(), ticketId, false)));
    }
}
