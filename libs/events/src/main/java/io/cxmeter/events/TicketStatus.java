package io.cxmeter.events;

import java.util.Optional;

/** Where a conversation stands. Resolved or closed counts as resolved (docs/metrics.md). */
public enum TicketStatus implements WireValue {
    NEW("new"), OPEN("open"), PENDING("pending"), ON_HOLD("on_hold"), RESOLVED("resolved"), CLOSED("closed");

    private final String wire;

    TicketStatus(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public boolean isResolved() {
        return this == RESOLVED || this == CLOSED;
    }

    /** New or open: the customer waits for the team. */
    public boolean isWaiting() {
        return this == NEW || this == OPEN;
    }

    public static Optional<TicketStatus> parse(String value) {
        return WireValue.parse(TicketStatus.class, value);
    }

    public static String allowed() {
        return WireValue.allowed(TicketStatus.class);
    }
}
