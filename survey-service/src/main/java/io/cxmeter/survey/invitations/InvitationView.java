package io.cxmeter.survey.invitations;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An invitation: one link per score of the survey's scale (a click records that score) and a ready
 * HTML snippet with those links as buttons, for an e-mail.
 */
public record InvitationView(UUID id, UUID surveyId, Instant createdAt, List<Link> links, String html) {

    public record Link(int score, String url) {
    }
}
