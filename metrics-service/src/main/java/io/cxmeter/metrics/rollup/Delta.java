package io.cxmeter.metrics.rollup;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import io.cxmeter.metrics.facts.Family;
import io.cxmeter.metrics.facts.Histogram;

/**
 * What a batch adds to one rollup row: the family's counters in layout order and the histograms'
 * bins. A contribution goes into a dozen rows (grains × dimensions), so it is laid out once
 * ({@link Layout#pack}) and added to each row's delta as plain arrays: a batch sums a few thousand
 * contributions into rows, and named counters cost a map lookup per counter per row.
 */
public final class Delta {

    /** Sums of integers and of seconds with at most microsecond parts: smaller is float dust. */
    private static final double DUST = 1e-9;

    private final Family family;
    private final double[] counters;
    private Map<Histogram, Map<Integer, Long>> histograms;

    public Delta(Family family) {
        this.family = family;
        this.counters = new double[Layout.size(family)];
    }

    /** Adds {@code sign} (+1 or −1) times a packed contribution of the same family. */
    public void add(Layout.Packed packed, int sign) {
        double[] values = packed.counters();
        for (int i = 0; i < values.length; i++) {
            counters[i] += sign * values[i];
        }
        if (packed.histograms().isEmpty()) {
            return;
        }
        if (histograms == null) {
            histograms = new EnumMap<>(Histogram.class);
        }
        State.addHistograms(histograms, packed.histograms(), sign);
    }

    /** Whether adding it would change nothing. */
    public boolean isEmpty() {
        for (double value : counters) {
            if (Math.abs(value) >= DUST) {
                return false;
            }
        }
        return histograms == null || histograms.isEmpty();
    }

    /** Writes the counters (dust as 0) into {@code into} from {@code offset} on. */
    public void countersInto(Double[] into, int offset) {
        for (int i = 0; i < counters.length; i++) {
            into[offset + i] = Math.abs(counters[i]) < DUST ? 0.0 : counters[i];
        }
    }

    /**
     * Writes the histograms into {@code columns} at {@code row}: column {@code i} is the family's
     * {@code i}-th histogram as its rollup column stores it, null when this delta has none of it.
     */
    public void histogramsInto(String[][] columns, int row) {
        List<Histogram> names = family.histograms();
        for (int i = 0; i < names.size(); i++) {
            columns[i][row] = histograms == null ? null : BinSums.text(histograms.get(names.get(i)));
        }
    }
}
