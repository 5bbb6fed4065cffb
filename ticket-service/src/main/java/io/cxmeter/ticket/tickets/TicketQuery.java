package io.cxmeter.ticket.tickets;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A listing of one tenant's tickets: SQL conditions with one {@code ?} each and their values,
 * a position to continue after, and a page size.
 */
public record TicketQuery(String tenantId, Map<String, Object> conditions, Position after, int limit) {

    /** Tickets are listed newest first; ties by id. */
    public record Position(Instant createdAt, UUID id) {
    }
}
