package io.cxmeter.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A customer's engagement (a visit, a login, a social reaction or a type the tenant names), sent once. */
public record EngagementRecorded(@JsonProperty(required = true) String customerId,
        @JsonProperty(required = true) String type, @JsonProperty(required = true) Instant at) implements EventPayload {

    @Override
    public Topic topic() {
        return Topic.ENGAGEMENT_RECORDED;
    }

    @Override
    public String aggregateId() {
        return customerId;
    }
}
