package io.cxmeter.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** An invitation erased with its customer ({@code invitation.deleted}). */
public record InvitationDeleted(@JsonProperty(required = true) String id) implements EventPayload {

    @Override
    public Topic topic() {
        return Topic.INVITATION_DELETED;
    }

    @Override
    public String aggregateId() {
        return id;
    }
}
