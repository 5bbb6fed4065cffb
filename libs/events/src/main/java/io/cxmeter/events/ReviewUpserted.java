package io.cxmeter.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A quality review of an agent's ticket with its score, 0–100 (null: nothing rated) ({@code review.upserted}). */
public record ReviewUpserted(@JsonProperty(required = true) String id, String ticketId, String agentId,
        @JsonProperty(required = true) Instant createdAt, Double score) implements EventPayload {

    @Override
    public Topic topic() {
        return Topic.REVIEW_UPSERTED;
    }

    @Override
    public String aggregateId() {
        return id;
    }
}
