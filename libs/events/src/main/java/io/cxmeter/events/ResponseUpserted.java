package io.cxmeter.events;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A survey answer with what its survey says about its scale ({@code response.upserted}); {@code id}
 * is unique per tenant (survey and the tenant's response key). {@code positiveFrom} is the lowest
 * positive score of a CSAT survey.
 */
public record ResponseUpserted(@JsonProperty(required = true) String id, @JsonProperty(required = true) String surveyId,
        @JsonProperty(required = true) String kind, @JsonProperty(required = true) Integer scaleMin,
        @JsonProperty(required = true) Integer scaleMax, Integer positiveFrom, @JsonProperty(required = true) Double score,
        @JsonProperty(required = true) Instant submittedAt, String channel, String touchpoint, String agentId,
        String ticketId, String customerId, String locale) implements EventPayload {

    @Override
    public Topic topic() {
        return Topic.RESPONSE_UPSERTED;
    }

    @Override
    public String aggregateId() {
        return id;
    }
}
