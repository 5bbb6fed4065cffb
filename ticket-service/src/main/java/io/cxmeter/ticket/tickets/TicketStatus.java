package io.cxmeter.ticket.tickets;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a conversation stands. Resolved or closed counts as resolved (METRICS.md). */
public enum TicketStatus {
    NEW("new"), OPEN("open"), PENDING("pending"), ON_HOLD("on_hold"), RESOLVED("resolved"), CLOSED("closed");

    private final String wire;

    TicketStatus(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public boolean isResolved() {
        return this == RESOLVED || this == CLOSED;
    }

    public static Optional<TicketStatus> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.wire.equals(value)).findFirst();
    }

    public static String allowed() {
        return String.join(", ", Arrays.stream(values()).map(TicketStatus::wire).toList());
    }
}
