package io.cxmeter.ticket.tickets;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** What can happen in a conversation (API.md). */
public enum EventType {
    ASSIGNED("assigned"), AGENT_REPLY("agent_reply"), CUSTOMER_REPLY("customer_reply"), STATUS("status"),
    QUEUED("queued"), ANSWERED("answered"), ABANDONED("abandoned"), BLOCKED("blocked"), HANDLED("handled");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    /** Events that name the agent who did them. */
    public boolean needsAgent() {
        return this == ASSIGNED || this == AGENT_REPLY || this == ANSWERED;
    }

    public static Optional<EventType> parse(String value) {
        return Arrays.stream(values()).filter(t -> t.wire.equals(value)).findFirst();
    }

    public static String allowed() {
        return String.join(", ", Arrays.stream(values()).map(EventType::wire).toList());
    }
}
