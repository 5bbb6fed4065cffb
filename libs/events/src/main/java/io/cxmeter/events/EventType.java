package io.cxmeter.events;

import java.util.Optional;

/** What can happen in a conversation (docs/api.md). */
public enum EventType implements WireValue {
    ASSIGNED("assigned"), AGENT_REPLY("agent_reply"), CUSTOMER_REPLY("customer_reply"), STATUS("status"),
    QUEUED("queued"), ANSWERED("answered"), ABANDONED("abandoned"), BLOCKED("blocked"), HANDLED("handled");

    private final String wire;

    EventType(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** Events that name the agent who did them. */
    public boolean needsAgent() {
        return this == ASSIGNED || this == AGENT_REPLY || this == ANSWERED;
    }

    public static Optional<EventType> parse(String value) {
        return WireValue.parse(EventType.class, value);
    }

    public static String allowed() {
        return WireValue.allowed(EventType.class);
    }
}
