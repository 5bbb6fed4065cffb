package io.cxmeter.survey;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import io.cxmeter.problem.Problem;
import io.cxmeter.problem.ProblemException;

/**
 * Where a newest-first listing ordered by creation time and id goes on: the last row of the page
 * before. Opaque to clients (URL-safe base64); a cursor this service did not give is a 400.
 */
public record TimeCursor(OffsetDateTime createdAt, UUID id) {

    public String encode() {
        String raw = createdAt + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The page of {@code rows}, read with one more than {@code limit}: that extra row says another page
     * follows, which goes on after the page's last row ({@code cursorOf}).
     */
    public static <T> Page<T> page(List<T> rows, int limit, Function<T, TimeCursor> cursorOf) {
        if (rows.size() <= limit) {
            return new Page<>(rows, null);
        }
        return new Page<>(rows.subList(0, limit), cursorOf.apply(rows.get(limit - 1)).encode());
    }

    /** The cursor in {@code text}, or null for none. */
    public static TimeCursor decode(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8).split("\\|", 2);
            return new TimeCursor(OffsetDateTime.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (IllegalArgumentException | DateTimeParseException | ArrayIndexOutOfBoundsException e) {
            throw new ProblemException(400, "The cursor '" + text + "' was not issued by this listing.",
                    List.of(Problem.Violation.ofField("cursor", "was not issued by this listing")));
        }
    }
}
