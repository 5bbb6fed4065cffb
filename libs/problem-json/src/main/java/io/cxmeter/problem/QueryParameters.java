package io.cxmeter.problem;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Query parameters read the same way everywhere: absent means the default, malformed means a 400 problem. */
public final class QueryParameters {

    /** The instants a period may start or end at: wide enough for any history, narrow enough for calendar arithmetic. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("2200-01-01T00:00:00Z");

    private QueryParameters() {
    }

    /** An ISO-8601 instant with offset from 1970 to 2200, {@code fallback} when absent or blank. */
    public static Instant instant(String name, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be an ISO-8601 instant with offset, like 2026-02-01T00:00:00Z");
        }
        if (instant.isBefore(EARLIEST) || !instant.isBefore(LATEST)) {
            throw ProblemException.badRequest(name + " must be from " + EARLIEST + " up to " + LATEST);
        }
        return instant;
    }
}
