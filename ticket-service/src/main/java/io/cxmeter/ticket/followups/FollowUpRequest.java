package io.cxmeter.ticket.followups;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A negative survey response that needs a human to follow up. */
@Schema(name = "FollowUpRequest", example = "{\"responseId\":\"R-5\",\"surveyId\":\"6f1c…\",\"score\":3,"
        + "\"channel\":\"chat\",\"customerId\":\"C-17\",\"agentId\":\"A-3\",\"ticketId\":\"T-1001\"}")
public record FollowUpRequest(
        @NotBlank @Size(max = 200) String responseId,
        @NotBlank @Size(max = 200) String surveyId,
        Integer score,
        @Size(max = 50) String channel,
        @Size(max = 200) String customerId,
        @Size(max = 200) String agentId,
        @Size(max = 200) String ticketId) {
}
