package io.cxmeter.problem;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Query parameters read the same way everywhere: absent means the default, malformed means a 400 problem. */
public final class QueryParameters {

    private QueryParameters() {
    }

    /** An ISO-8601 instant with offset, {@code fallback} when absent or blank. */
    public static Instant instant(String name, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw ProblemException.badRequest(name + " must be an ISO-8601 instant with offset, like 2026-02-01T00:00:00Z");
        }
    }
}
