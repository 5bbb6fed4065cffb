package io.cxmeter.metrics.rollup;

import java.util.Map;

/**
 * A mergeable quantile sketch for durations (DDSketch with logarithmic bins): a value {@code x > 0}
 * goes to bin {@code ceil(log_γ x)} with {@code γ = (1 + α) / (1 − α)}, and a bin reads back as
 * {@code 2γ^i / (γ + 1)}, within relative error α of every value in it. With α = 1 % the
 * quantiles it returns are within α = 1 % of the exact nearest-rank ones, as docs/metrics.md allows.
 * Bins live in a {@link State} histogram, so sketches merge (and un-merge) by adding counts.
 */
public final class Sketch {

    static final double ALPHA = 0.01;
    private static final double GAMMA = (1 + ALPHA) / (1 - ALPHA);
    private static final double LOG_GAMMA = Math.log(GAMMA);
    /** Bin of the value 0 (and of anything under a millisecond). */
    static final int ZERO_BIN = Integer.MIN_VALUE;

    private Sketch() {
    }

    public static int bin(double seconds) {
        return seconds < 0.001 ? ZERO_BIN : (int) Math.ceil(Math.log(seconds) / LOG_GAMMA);
    }

    static double value(int bin) {
        return bin == ZERO_BIN ? 0 : 2 * Math.pow(GAMMA, bin) / (GAMMA + 1);
    }

    /** The nearest-rank quantile {@code q} (value at rank ceil(q·n)), or null for an empty sketch. */
    public static Double quantile(Map<Integer, Long> bins, double q) {
        // A read's sums are already sorted arrays; anything else is copied into one.
        SortedBins sorted = SortedBins.copyOf(bins);
        return sorted.total() <= 0 ? null : value(sorted.binAtRank(Math.max(1, (long) Math.ceil(q * sorted.total()))));
    }
}
