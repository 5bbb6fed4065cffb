package io.cxmeter.ticket.agents;

import java.time.OffsetDateTime;

/** An agent as the API shows it. */
public record AgentView(String id, String name, String team, boolean active, OffsetDateTime createdAt) {
}
