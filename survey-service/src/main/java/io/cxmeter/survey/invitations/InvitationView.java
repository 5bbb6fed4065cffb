package io.cxmeter.survey.invitations;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An invitation: one link per score of the survey's scale (a click records that score) and a ready
 * HTML snippet with those links as buttons, for an e-mail. {@code messageId} names the e-mail
 * cxmeter sends when asked to ({@code send: true}); follow it under /api/v1/delivery/messages.
 */
public record InvitationView(UUID id, UUID surveyId, Instant createdAt, List<Link> links, String html, UUID messageId) {

    public record Link(int score, String url) {
    }
}
