package io.cxmeter.events;

import java.util.Optional;

/** The channel a conversation happens on. */
public enum Channel implements WireValue {
    EMAIL("email"), CHAT("chat"), CALL("call"), SOCIAL("social"), WEB_FORM("web_form"), API("api");

    private final String wire;

    Channel(String wire) {
        this.wire = wire;
    }

    @Override
    public String wire() {
        return wire;
    }

    /** Calls and chats wait in a queue before an agent answers them. */
    public boolean queued() {
        return this == CALL || this == CHAT;
    }

    public static Optional<Channel> parse(String value) {
        return WireValue.parse(Channel.class, value);
    }

    public static String allowed() {
        return WireValue.allowed(Channel.class);
    }
}
