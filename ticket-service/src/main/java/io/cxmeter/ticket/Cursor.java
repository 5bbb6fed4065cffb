package io.cxmeter.ticket;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

import io.cxmeter.problem.ProblemException;

/** Where a listing ordered by time and id stopped, as the opaque {@code nextCursor} of a {@link Page}. */
public record Cursor(Instant at, String id) {

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((at + "|" + id).getBytes(StandardCharsets.UTF_8));
    }

    /** The position {@code cursor} names, null for none; 400 when this listing did not issue it. */
    public static Cursor decode(String cursor) {
        if (cursor == null || cursor.isBlank()) {
            return null;
        }
        try {
            String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", 2);
            return new Cursor(Instant.parse(parts[0]), parts[1]);
        } catch (IllegalArgumentException | DateTimeParseException | ArrayIndexOutOfBoundsException e) {
            throw ProblemException.badRequest("The cursor '" + cursor + "' was not issued by this listing.");
        }
    }
}
