package io.cxmeter.events;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;

/** An enum whose API and database name is a lowercase word ({@code web_form}), not its Java name. */
public interface WireValue {

    @JsonValue
    String wire();

    /** The constant of {@code type} named {@code value} on the wire, if any. */
    static <E extends Enum<E> & WireValue> Optional<E> parse(Class<E> type, String value) {
        return Arrays.stream(type.getEnumConstants()).filter(e -> e.wire().equals(value)).findFirst();
    }

    /** The wire names of {@code type}, comma-separated, for error messages. */
    static <E extends Enum<E> & WireValue> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(WireValue::wire).collect(Collectors.joining(", "));
    }
}
