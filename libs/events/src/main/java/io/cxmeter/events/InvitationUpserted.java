package io.cxmeter.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An ask to answer a survey on any touchpoint (an e-mail sent, a widget shown) and whether it was answered. */
public record InvitationUpserted(@JsonProperty(required = true) String id, @JsonProperty(required = true) String surveyId,
        @JsonProperty(required = true) Instant sentAt, String channel, String touchpoint, String agentId, String locale,
        boolean responded) implements EventPayload {

    @Override
    public Topic topic() {
        return Topic.INVITATION_UPSERTED;
    }

    @Override
    public String aggregateId() {
        return id;
    }
}
