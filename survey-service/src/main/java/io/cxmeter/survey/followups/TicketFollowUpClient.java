package io.cxmeter.survey.followups;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** ticket-service's follow-up endpoint (idempotent by response id). */
@Path("/internal/v1/follow-ups")
@RegisterRestClient(configKey = "ticket-follow-ups")
public interface TicketFollowUpClient {

    /** A negative response to follow up, as ticket-service takes it. */
    record Request(String responseId, String surveyId, Integer score, String channel, String customerId, String agentId,
            String ticketId) {
    }

    /** The ticket opened for it (or opened before: {@code created} false). */
    record Answer(String responseId, String ticketId, boolean created) {
    }

    @POST
    Uni<Answer> open(@HeaderParam("Authorization") String authorization, Request request);
}
