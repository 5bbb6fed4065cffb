package io.cxmeter.ticket.tickets;

import java.util.Arrays;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonValue;

/** The channel a conversation happens on. */
public enum Channel {
    EMAIL("email"), CHAT("chat"), CALL("call"), SOCIAL("social"), WEB_FORM("web_form"), API("api");

    private final String wire;

    Channel(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    public static Optional<Channel> parse(String value) {
        return Arrays.stream(values()).filter(c -> c.wire.equals(value)).findFirst();
    }

    public static String allowed() {
        return String.join(", ", Arrays.stream(values()).map(Channel::wire).toList());
    }
}
