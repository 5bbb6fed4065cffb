package io.cxmeter.ticket.followups;

/** The follow-up ticket of a response; {@code created} is false when it existed already. */
public record FollowUpView(String responseId, String ticketId, boolean created) {
}
