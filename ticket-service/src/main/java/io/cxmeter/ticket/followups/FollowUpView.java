package io.cxmeter.ticket.followups;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The follow-up of one low score, named {@code id} (the survey's id, a colon, the response's id):
 * the answer it is about, who owns it, where it stands, when it is
 * due, and the follow-up ticket that carries the conversation. {@code overdue}: not resolved and
 * past due. {@code notes} only when one follow-up is read, null in listings.
 */
@Schema(name = "FollowUp")
public record FollowUpView(String id, String responseId, String surveyId, String ticketId, Double score, String channel,
        String customerId, String agentId, String aboutTicketId, String ownerAgentId, String ownerTeamId,
        FollowUpStatus status, Instant openedAt, Instant dueAt, boolean overdue, Instant contactedAt,
        Instant resolvedAt, Instant updatedAt, List<Note> notes) {

    @Schema(name = "FollowUpNote")
    public record Note(String id, String author, String text, Instant createdAt) {
    }

    FollowUpView withNotes(List<Note> notes) {
        return new FollowUpView(id, responseId, surveyId, ticketId, score, channel, customerId, agentId, aboutTicketId,
                ownerAgentId, ownerTeamId, status, openedAt, dueAt, overdue, contactedAt, resolvedAt, updatedAt, notes);
    }
}
