package io.cxmeter.ticket.reviews;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** A review of an agent's conversation, with its score as docs/metrics.md defines it (null when nothing was rated). */
public record Review(String id, UUID scorecardId, String ticketId, String agentId, String reviewer, Instant createdAt,
        Map<String, Integer> ratings, Double score) {
}
