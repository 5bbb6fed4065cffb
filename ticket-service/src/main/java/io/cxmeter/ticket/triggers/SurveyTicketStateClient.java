package io.cxmeter.ticket.triggers;

import java.time.Instant;
import java.util.List;

import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.mutiny.Uni;

/** survey-service's intake of ticket status changes (idempotent). */
@Path("/internal/v1/ticket-states")
@RegisterRestClient(configKey = "survey-ticket-states")
interface SurveyTicketStateClient {

    /** A ticket after a status change, with its customer's contact details (from the customer's attributes). */
    record TicketState(String ticketId, boolean resolved, Instant resolvedAt, Instant recordedAt, String channel, String team,
            String agentId, String customerId, String email, String name, String locale) {
    }

    record Batch(List<TicketState> tickets) {
    }

    record Outcome(int scheduled, int cancelled) {
    }

    @POST
    Uni<Outcome> report(@HeaderParam("Authorization") String authorization, Batch batch);
}
