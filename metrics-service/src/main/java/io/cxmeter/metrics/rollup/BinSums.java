package io.cxmeter.metrics.rollup;

import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Sums of one histogram's bins over many rollup rows, read from the list a rollup column stores
 * ({@code -4,1,12,7,300,2}: bins and counts, sorted by bin; V13). A grouped read adds up hundreds of
 * sketches of a hundred bins each ("FRT for a quarter by agent": 603 rows, 65,000 bins), so the digits
 * are read straight into parallel primitive arrays, kept sorted by bin, and a row's sorted list is merged
 * into them in one pass: no JSON tree, no boxed bin per row.
 */
final class BinSums {

    private int[] bins = new int[0];
    private long[] counts = new long[0];
    private int size;

    /** Adds every bin of {@code text}, a list of integer bins and counts as rollup columns store it. */
    void add(String text) {
        int length = text.length();
        if (length == 0) {
            return;
        }
        // Parse the row's pairs first (rows arrive sorted by bin; anything else is sorted here).
        int[] rowBins = new int[8];
        long[] rowCounts = new long[8];
        int n = 0;
        boolean sorted = true;
        int[] at = {0};
        while (true) {
            long bin = number(text, at);
            expect(text, at, ',');
            long count = number(text, at);
            if (bin < Integer.MIN_VALUE || bin > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("Not a histogram bin: " + bin);
            }
            if (n == rowBins.length) {
                rowBins = Arrays.copyOf(rowBins, n * 2);
                rowCounts = Arrays.copyOf(rowCounts, n * 2);
            }
            sorted &= n == 0 || rowBins[n - 1] < bin;
            rowBins[n] = (int) bin;
            rowCounts[n] = count;
            n++;
            if (at[0] == length) {
                break;
            }
            expect(text, at, ',');
        }
        if (!sorted) {
            TreeMap<Integer, Long> ordered = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                ordered.merge(rowBins[i], rowCounts[i], Long::sum);
            }
            n = 0;
            for (Map.Entry<Integer, Long> e : ordered.entrySet()) {
                rowBins[n] = e.getKey();
                rowCounts[n++] = e.getValue();
            }
        }
        merge(rowBins, rowCounts, n);
    }

    /** Merges {@code n} sorted pairs into the sorted sums. */
    private void merge(int[] rowBins, long[] rowCounts, int n) {
        int[] outBins = new int[size + n];
        long[] outCounts = new long[size + n];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < size || j < n) {
            if (j == n || (i < size && bins[i] < rowBins[j])) {
                outBins[k] = bins[i];
                outCounts[k++] = counts[i++];
            } else if (i == size || rowBins[j] < bins[i]) {
                outBins[k] = rowBins[j];
                outCounts[k++] = rowCounts[j++];
            } else {
                outBins[k] = bins[i];
                outCounts[k++] = counts[i++] + rowCounts[j++];
            }
        }
        bins = outBins;
        counts = outCounts;
        size = k;
    }

    /** Records the sums, bins that add up to 0 left out, as histogram {@code name} of {@code state}. */
    void into(State state, String name) {
        for (int i = 0; i < size; i++) {
            if (counts[i] != 0) {
                state.record(name, bins[i], counts[i]);
            }
        }
    }

    /** A histogram as a rollup column stores it (bins and counts sorted by bin), or null when it has no bins. */
    static String text(Map<Integer, Long> histogram) {
        if (histogram == null || histogram.isEmpty()) {
            return null;
        }
        NavigableMap<Integer, Long> sorted = histogram instanceof NavigableMap<Integer, Long> ordered ? ordered
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

    private static void expect(String text, int[] at, char wanted) {
        if (at[0] >= text.length() || text.charAt(at[0]) != wanted) {
            throw new IllegalArgumentException("Not a histogram of integer bins and counts (expected '" + wanted + "' at "
                    + at[0] + "): " + excerpt(text));
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
            throw new IllegalArgumentException("Not a histogram of integer bins and counts (no number at " + start + "): "
                    + excerpt(text));
        }
        return negative ? -value : value;
    }

    /** The start of a refused text, for the error message. */
    private static String excerpt(String text) {
        return text.length() > 80 ? text.substring(0, 80) + "…" : text;
    }
}
