package io.cxmeter.ticket.tickets;

/** What an import did: records created and records updated (re-sent ids update, never duplicate). */
public record ImportResult(int created, int updated) {
}
