package io.cxmeter.events;

import java.util.Optional;

public enum Priority implements WireValue {
    LOW("low"), NORMAL("normal"), HIGH("high"), URGENT("urgent");

    private final String wire;

    Priority(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    public static Optional<Priority> parse(String value) {
        return WireValue.parse(Priority.class, value);
    }

    public static String allowed() {
        return WireValue.allowed(Priority.class);
    }
}
