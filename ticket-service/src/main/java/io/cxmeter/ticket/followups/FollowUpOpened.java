package io.cxmeter.ticket.followups;

/**
 * The follow-up of a response as survey-service is told: the response as it was named, the
 * follow-up's id, its ticket; {@code created} is false when it existed already.
 */
public record FollowUpOpened(String responseId, String followUpId, String ticketId, boolean created) {
}
