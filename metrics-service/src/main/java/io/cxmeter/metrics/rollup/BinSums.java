package io.cxmeter.metrics.rollup;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import io.cxmeter.metrics.facts.Histogram;

/**
 * Sums of one histogram's bins over many rollup rows, read from the list a rollup column stores
 * ({@code -4,1,12,7,300,2}: bins and counts, sorted by bin). A grouped read adds up hundreds of
 * sketches of a hundred bins or more each ("FRT for a quarter by agent" at full size: 201 quarter rows),
 * so the digits are read straight into a {@link BinTally}: no JSON tree, no boxed bin, no list per row.
 */
final class BinSums {

    /** The sums once a second row (or one out of order) came; null while at most one row did. */
    private BinTally tally;
    /** The row parsed last: the only one while {@link #tally} is null, then reused for each next row. */
    private int[] bins = new int[128];
    private long[] counts = new long[128];
    private int size;

    /**
     * Adds every bin of {@code text}, a list of integer bins and counts as rollup columns store it. A
     * group's first row is only parsed: a quarter by agent reads one row per group, whose list (sorted,
     * as stored) is then the group's histogram as it is, without going through a tally.
     */
    void add(String text) {
        add(text, 1);
    }

    /**
     * The same, times {@code sign}: -1 subtracts the bins of a bucket that a period covers only in
     * part ({@link Cover}); the sums are then tallied whatever came first.
     */
    void add(String text, int sign) {
        if (text.isEmpty()) {
            return;
        }
        if (tally == null && (size > 0 || sign != 1)) {
            tally = new BinTally();
            addParsedTo(tally, 1);
        }
        parse(text);
        if (tally != null) {
            addParsedTo(tally, sign);
        }
    }

    private void addParsedTo(BinTally into, int sign) {
        for (int i = 0; i < size; i++) {
            into.add(bins[i], sign * counts[i]);
        }
    }

    private void parse(String text) {
        size = 0;
        int length = text.length();
        // The digits as bytes (a copy of the string's own Latin-1 bytes): charAt's checks per character
        // would be the largest single item of an FRT read's Java time. Anything else than
        // digits, '-' and ',' is refused below, whatever it turned into.
        byte[] chars = text.getBytes(StandardCharsets.ISO_8859_1);
        int at = 0;
        // Each number: an optional '-', 1 to 18 digits, then ',' (or the end, after a count).
        int bin = 0;
        boolean odd = true;
        while (true) {
            int start = at;
            boolean negative = at < length && chars[at] == '-';
            if (negative) {
                at++;
            }
            long value = 0;
            int digitsFrom = at;
            byte ch;
            while (at < length && (ch = chars[at]) >= '0' && ch <= '9') {
                value = value * 10 + (ch - '0');
                at++;
            }
            if (at == digitsFrom || at - digitsFrom > 18) {
                throw refused(text, at == digitsFrom ? "no number at " + start : "number too long at " + start);
            }
            value = negative ? -value : value;
            if (odd) {
                if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("Not a histogram bin: " + value);
                }
                bin = (int) value;
            } else {
                if (size == bins.length) {
                    bins = Arrays.copyOf(bins, size * 2);
                    counts = Arrays.copyOf(counts, size * 2);
                }
                bins[size] = bin;
                counts[size++] = value;
            }
            if (at == length && !odd) {
                break;
            }
            if (at >= length || chars[at] != ',') {
                throw refused(text, "expected ',' at " + at);
            }
            at++;
            odd = !odd;
        }
    }

    /** Adds the sums, bins that add up to 0 left out, as histogram {@code name} of {@code state}. */
    void into(State state, Histogram name) {
        if (tally == null && size > 0 && !sortedOnce()) {
            // A single row out of order or with a bin twice (not as rollups store them): summed as any.
            tally = new BinTally();
            addParsedTo(tally, 1);
        }
        SortedBins summed = tally != null ? tally.sums() : SortedBins.of(bins, counts, size);
        if (!summed.isEmpty()) {
            state.add(name, summed);
        }
    }

    private boolean sortedOnce() {
        for (int i = 1; i < size; i++) {
            if (bins[i] <= bins[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /** A histogram as a rollup column stores it (bins and counts sorted by bin), or null when it has no bins. */
    static String text(Map<Integer, Long> histogram) {
        if (histogram == null || histogram.isEmpty()) {
            return null;
        }
        SortedMap<Integer, Long> sorted = histogram instanceof SortedMap<Integer, Long> ordered ? ordered
                : new TreeMap<>(histogram);
        StringBuilder text = new StringBuilder(sorted.size() * 8);
        sorted.forEach((bin, count) -> {
            if (count != 0) {
                if (!text.isEmpty()) {
                    text.append(',');
                }
                text.append(bin.intValue()).append(',').append(count.longValue());
            }
        });
        return text.isEmpty() ? null : text.toString();
    }

    private static IllegalArgumentException refused(String text, String why) {
        return new IllegalArgumentException("Not a histogram of integer bins and counts (" + why + "): " + excerpt(text));
    }

    /** The start of a refused text, for the error message. */
    private static String excerpt(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
