package io.cxmeter.survey.responses;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A response as submitted or imported (and as the API shows it): the tenant's id within the survey,
 * the score on the survey's scale, the optional comment (stored as given; escaped wherever rendered)
 * and what it is about. {@code followUpTicketId} is set by the service: the ticket a negative answer opened.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResponseDraft(String id, Double score, String comment, String customerId, String ticketId, String agentId,
        String channel, String touchpoint, String locale, Instant submittedAt, String followUpTicketId) {

    /** The same response with its comment replaced (blank: none); the follow-up ticket is the service's to show. */
    public ResponseDraft withComment(String text) {
        return new ResponseDraft(id, score, text == null || text.isBlank() ? null : text, customerId, ticketId, agentId,
                channel, touchpoint, locale, submittedAt, null);
    }
}
