package io.cxmeter.metrics.facts;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a metric can be grouped by (docs/metrics.md: {@code groupBy}). */
public enum Dimension {
    CHANNEL, TEAM, AGENT, SURVEY, TOUCHPOINT, LOCALE;

    private final String wire = name().toLowerCase(Locale.ROOT);

    public String wire() {
        return wire;
    }

    public static Dimension fromWire(String value) {
        return Arrays.stream(values()).filter(d -> d.wire().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("groupBy must be one of "
                        + Arrays.stream(values()).map(Dimension::wire).collect(Collectors.joining(", "))));
    }
}
