package io.cxmeter.imports;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

import io.cxmeter.problem.Problem;
import io.cxmeter.problem.ProblemException;

/** Field checks shared by the import validators; each adds a message naming the field. */
public final class Fields {

    public static final int MAX_TEXT = 1000;

    private Fields() {
    }

    /** An ISO-8601 instant with offset; null (with a problem) when absent and required, or malformed. */
    public static Instant instant(String value, String field, boolean required, List<String> problems) {
        if (value == null) {
            if (required) {
                problems.add(field + " is required (ISO-8601 with offset, e.g. 2026-02-03T08:00:00Z)");
            }
            return null;
        }
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(field + " '" + value + "' is not an ISO-8601 instant with offset");
            return null;
        }
    }

    /** Trimmed-to-null text of at most {@link #MAX_TEXT} characters. */
    public static String text(String value, String field, boolean required, List<String> problems) {
        if (value == null || value.isBlank()) {
            if (required) {
                problems.add(field + " is required");
            }
            return null;
        }
        if (value.length() > MAX_TEXT) {
            problems.add(field + " is longer than " + MAX_TEXT + " characters");
        }
        return value;
    }

    /**
     * For a single record checked with the rules of an import line: 422 listing each problem, with
     * the field it names first (e.g. {@code purchases[0].amount}).
     */
    public static void rejectIfAny(List<String> problems) {
        if (!problems.isEmpty()) {
            throw ProblemException.unprocessable(String.join("; ", problems) + ".",
                    problems.stream().map(p -> Problem.Violation.ofField(p.split(" ", 2)[0], p)).toList());
        }
    }
}
