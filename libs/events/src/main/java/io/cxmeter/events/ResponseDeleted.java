package io.cxmeter.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A survey answer deleted or erased ({@code response.deleted}): what it contributed goes. */
public record ResponseDeleted(@JsonProperty(required = true) String id) implements EventPayload {

    @Override
    public Topic topic() {
        return Topic.RESPONSE_DELETED;
    }

    @Override
    public String aggregateId() {
        return id;
    }
}
