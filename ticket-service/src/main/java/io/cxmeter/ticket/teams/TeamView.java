package io.cxmeter.ticket.teams;

import java.time.OffsetDateTime;

public record TeamView(String id, String name, boolean active, OffsetDateTime createdAt) {
}
