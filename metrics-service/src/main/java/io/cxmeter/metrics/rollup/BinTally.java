package io.cxmeter.metrics.rollup;

import java.util.Map;
import java.util.TreeMap;

/**
 * Adds up many histograms bin by bin into one, mutable, for a read that sums hundreds of them: "FRT for
 * a quarter by agent" adds 600 rows of a hundred bins into 200 groups, then the 200 groups into their
 * total. Merging sorted lists pairwise would allocate two arrays and walk the whole running sum per row
 * (most of such a request's Java time); here each bin is one array addition. The bins of a
 * sketch are a few hundred consecutive integers, and exact per-second distributions a few thousand,
 * so counts go into a dense window of bins that grows as needed up to {@link #MAX_SPAN}; bins beyond it
 * (the zero bin, {@code Integer.MIN_VALUE}, and outliers) are kept in a sorted map beside it.
 */
final class BinTally {

    /** Widest dense window, in bins (512 KB of counts). */
    static final int MAX_SPAN = 1 << 16;

    private int base;
    private long[] dense;
    /** The part of the window that was added to, {@code [low, high]} (empty while low > high). */
    private int low = Integer.MAX_VALUE;
    private int high = -1;
    private TreeMap<Integer, Long> sparse;

    /** Adds {@code count} to {@code bin}. */
    void add(int bin, long count) {
        if (dense == null) {
            base = bin;
            // A sketch's bins span a few hundred: most tallies never grow.
            dense = new long[256];
        }
        long offset = (long) bin - base;
        if (offset < 0 || offset >= dense.length) {
            if (!grow(bin)) {
                if (sparse == null) {
                    sparse = new TreeMap<>();
                }
                sparse.merge(bin, count, Long::sum);
                return;
            }
            offset = (long) bin - base;
        }
        int at = (int) offset;
        dense[at] += count;
        low = Math.min(low, at);
        high = Math.max(high, at);
    }

    /** Adds every bin of {@code bins} times {@code sign}. */
    void addAll(Map<Integer, Long> bins, int sign) {
        if (bins instanceof SortedBins sorted) {
            sorted.forEachBin((bin, count) -> add(bin, sign * count));
        } else {
            bins.forEach((bin, count) -> add(bin, sign * count));
        }
    }

    /** Widens the window to hold {@code bin}, unless it would span more than {@link #MAX_SPAN} bins. */
    private boolean grow(int bin) {
        long first = Math.min(base, bin);
        long last = Math.max((long) base + dense.length - 1, bin);
        if (last - first + 1 > MAX_SPAN) {
            return false;
        }
        // Room on the side it grew, so that a run of new bins does not copy the window each time.
        int length = (int) Math.min(MAX_SPAN, Math.max(last - first + 1, 2L * dense.length));
        long[] wider = new long[length];
        int newBase = bin < base ? (int) Math.max(last - length + 1, (long) Integer.MIN_VALUE) : base;
        System.arraycopy(dense, 0, wider, base - newBase, dense.length);
        if (low <= high) {
            low += base - newBase;
            high += base - newBase;
        }
        dense = wider;
        base = newBase;
        return true;
    }

    /** The sums, bins at 0 left out. */
    SortedBins sums() {
        int capacity = sparse == null ? 0 : sparse.size();
        for (int i = low; i <= high; i++) {
            if (dense[i] != 0) {
                capacity++;
            }
        }
        int[] bins = new int[capacity];
        long[] counts = new long[capacity];
        int n = 0;
        var spill = sparse == null ? null : sparse.entrySet().iterator();
        Map.Entry<Integer, Long> next = spill != null && spill.hasNext() ? spill.next() : null;
        for (int i = low; i <= high; i++) {
            int bin = base + i;
            while (next != null && next.getKey() < bin) {
                bins[n] = next.getKey();
                counts[n++] = next.getValue();
                next = spill.hasNext() ? spill.next() : null;
            }
            if (dense[i] != 0) {
                bins[n] = bin;
                counts[n++] = dense[i];
            }
        }
        while (next != null) {
            bins[n] = next.getKey();
            counts[n++] = next.getValue();
            next = spill.hasNext() ? spill.next() : null;
        }
        return SortedBins.of(bins, counts, n);
    }
}
