package io.cxmeter.metrics.rollup;

import java.util.HashMap;
import java.util.Map;

/**
 * Sums of one histogram's bins over many rollup rows, read from their text form
 * ({@code {"12": 3, "-5": 1}}, as PostgreSQL prints a jsonb object of bins). A grouped read adds up
 * hundreds of sketches of tens of bins each: parsing each into a JSON object and adding its bins one
 * by one into a sorted map was most of the Java time of "FRT by agent" (JFR); this reads the digits
 * straight into one hash map per group and sorts once, in {@link #into}.
 */
final class BinSums {

    private final Map<Integer, long[]> sums = new HashMap<>();

    /** Adds every bin of {@code text}, a JSON object of integer bins and integer counts. */
    void add(String text) {
        int[] at = {0};
        int length = text.length();
        skipSpaces(text, at);
        expect(text, at, '{');
        skipSpaces(text, at);
        if (at[0] < length && text.charAt(at[0]) == '}') {
            return;
        }
        while (true) {
            skipSpaces(text, at);
            expect(text, at, '"');
            long bin = number(text, at);
            expect(text, at, '"');
            skipSpaces(text, at);
            expect(text, at, ':');
            skipSpaces(text, at);
            long count = number(text, at);
            if (bin < Integer.MIN_VALUE || bin > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Not a histogram bin: " + bin);
            }
            sums.computeIfAbsent((int) bin, b -> new long[1])[0] += count;
            skipSpaces(text, at);
            if (at[0] < length && text.charAt(at[0]) == ',') {
                at[0]++;
                continue;
            }
            expect(text, at, '}');
            return;
        }
    }

    /** Records the sums, bins that add up to 0 left out, as histogram {@code name} of {@code state}. */
    void into(State state, String name) {
        sums.forEach((bin, count) -> {
            if (count[0] != 0) {
                state.record(name, bin, count[0]);
            }
        });
    }

    private static void skipSpaces(String text, int[] at) {
        while (at[0] < text.length() && Character.isWhitespace(text.charAt(at[0]))) {
            at[0]++;
        }
    }

    private static void expect(String text, int[] at, char wanted) {
        if (at[0] >= text.length() || text.charAt(at[0]) != wanted) {
            throw new IllegalArgumentException("Not a histogram of integer bins (expected '" + wanted + "' at " + at[0] + "): "
                    + excerpt(text));
        }
        at[0]++;
    }

    private static long number(String text, int[] at) {
        int start = at[0];
        boolean negative = at[0] < text.length() && text.charAt(at[0]) == '-';
        if (negative) {
            at[0]++;
        }
        long value = 0;
        int digits = 0;
        while (at[0] < text.length() && text.charAt(at[0]) >= '0' && text.charAt(at[0]) <= '9') {
            if (++digits > 18) {
                throw new IllegalArgumentException("Histogram number too long at " + start);
            }
            value = value * 10 + (text.charAt(at[0]) - '0');
            at[0]++;
        }
        if (digits == 0) {
            throw new IllegalArgumentException("Not a histogram of integer bins (no number at " + start + "): "
                    + excerpt(text));
        }
        return negative ? -value : value;
    }

    /** The start of a refused text, for the error message. */
    private static String excerpt(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
