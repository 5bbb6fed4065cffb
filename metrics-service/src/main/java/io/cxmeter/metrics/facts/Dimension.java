package io.cxmeter.metrics.facts;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a metric can be grouped by (docs/metrics.md: {@code groupBy}) or filtered on: a ticket's
 * {@code tag} only filters (a ticket has several), and {@code priority} and {@code tag} are not rolled up.
 */
public enum Dimension {
    CHANNEL("channel"), TEAM("team"), AGENT("agent"), SURVEY("scope"), TOUCHPOINT("touchpoint"), LOCALE("locale"),
    PRIORITY("priority"), TAG("tags");

    /** What a survey answer (and an invitation) is rolled up and grouped by. */
    public static final Set<Dimension> ANSWER_DIMENSIONS = Collections.unmodifiableSet(
            EnumSet.of(CHANNEL, AGENT, SURVEY, TOUCHPOINT, LOCALE));

    /** What a ticket's facts are rolled up by (priority and tags are read from the facts). */
    public static final Set<Dimension> TICKET_DIMENSIONS = Collections.unmodifiableSet(EnumSet.of(CHANNEL, TEAM, AGENT));

    private final String wire = name().toLowerCase(Locale.ROOT);
    private final String column;

    Dimension(String column) {
        this.column = column;
    }

    /** Its column in the contributions (and in the resolution episodes, for the ticket dimensions they keep). */
    public String column() {
        return column;
    }

    public String wire() {
        return wire;
    }

    /** Whether facts can be grouped by it: each fact has at most one value of it. */
    public boolean groupable() {
        return this != TAG;
    }

    /** The dimension to group by named {@code value}. */
    public static Dimension fromWire(String value) {
        return Arrays.stream(values()).filter(d -> d.groupable() && d.wire().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("groupBy must be one of "
                        + Arrays.stream(values()).filter(Dimension::groupable).map(Dimension::wire)
                                .collect(Collectors.joining(", "))));
    }
}
